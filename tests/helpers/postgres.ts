// A fresh database for one test file on the run's Postgres (started by tests/setup/postgres.ts).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { openPostgres, type PostgresStorage } from "../../src/storage/postgres/store.js";
import { silentLogger } from "../../src/log.js";

const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
  const c = new pg.Client({ connectionString: `${inject("postgresServer")}/postgres` });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
};

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database; `drop()` removes it (closing other connections to it first). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return {
    url: `${inject("postgresServer")}/${name}`,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * Postgres storage on a database URL, as main opens it (migrations included). The timeout is generous: test files
 * run side by side on two cores, and a connection set-up that waits its turn is not a lost database.
 */
export const openTestPostgres = (url: string, timeoutMs = 10_000): Promise<PostgresStorage> => openPostgres(url, { logger: silentLogger(), timeoutMs, poolSize: 10 });
