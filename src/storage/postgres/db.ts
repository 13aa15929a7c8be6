// The Postgres connection pool and the one place its errors become StorageUnavailableError. pg's Pool reconnects by
// itself: a broken connection is dropped and the next query opens a new one, so an instance recovers from a
// database restart or a network blip without help; until then every call fails fast with the coded error.
import pg from "pg";
import { asStorageUnavailable } from "../../errors.js";
import type { Logger } from "../../log.js";

export interface PgOptions {
  logger: Logger;
  /** connect and statement timeout: a request waits at most this long on the database */
  timeoutMs: number;
  poolSize: number;
}

export function createPool(connectionString: string, opts: PgOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: opts.poolSize,
    connectionTimeoutMillis: opts.timeoutMs,
    // the server cancels a statement past this; query_timeout also bounds a connection that went silent
    statement_timeout: opts.timeoutMs,
    query_timeout: opts.timeoutMs + 500,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: "aistack",
  });
  // An idle connection that dies (server restart) emits here; without a listener it would crash the process.
  pool.on("error", (err) => opts.logger.warn({ code: (err as { code?: string }).code }, "postgres: idle connection lost; it will be replaced"));
  return pool;
}

export class Db {
  constructor(readonly pool: pg.Pool) {}

  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(operation: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(sql, params);
    } catch (err) {
      throw asStorageUnavailable(operation, err);
    }
  }

  /** Runs fn in one transaction on one connection; a failed connection is discarded, not returned to the pool. */
  async transaction<T>(operation: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw asStorageUnavailable(operation, err);
    }
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch((e: Error) => (broken = e));
      throw asStorageUnavailable(operation, err);
    } finally {
      client.release(broken);
    }
  }
}
