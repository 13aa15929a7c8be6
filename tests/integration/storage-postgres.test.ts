// The storage contract on a real Postgres (started for the run by tests/setup/postgres.ts): two pools on one fresh
// database, as two instances share it. Plus what only a server database has: migrations that two instances run at
// once, and a connection that is lost and comes back.
import { describe, expect, it } from "vitest";
import pg from "pg";
import { StorageUnavailableError } from "../../src/errors.js";
import { readMigrations } from "../../src/storage/postgres/migrate.js";
import { storageContract, type ContractBackend } from "../helpers/storage-contract.js";
import { installationsContract } from "../helpers/installations-contract.js";
import { createTestDatabase, openTestPostgres } from "../helpers/postgres.js";

const backend: ContractBackend = {
  async open() {
    const db = await createTestDatabase();
    const [a, b] = await Promise.all([openTestPostgres(db.url), openTestPostgres(db.url)]);
    return {
      a, b,
      async cleanup() {
        await a.close();
        await b.close();
        await db.drop();
      },
    };
  },
};

storageContract("postgres", backend);
installationsContract("postgres", backend);

describe("postgres: start-up and connection loss", () => {
  it("migrations run once when four instances start at the same moment", async () => {
    const db = await createTestDatabase();
    const stores = await Promise.all([0, 1, 2, 3].map(() => openTestPostgres(db.url)));
    try {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      const rows = (await c.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version")).rows;
      await c.end();
      expect(rows.map((r) => r.version)).toEqual(readMigrations().map((m) => m.version));
    } finally {
      for (const s of stores) await s.close();
      await db.drop();
    }
  });

  it("a lost connection fails fast with the coded error, then the pool reconnects by itself", async () => {
    const db = await createTestDatabase();
    const store = await openTestPostgres(db.url, 1000);
    const key = { platform: "slack" as const, workspace: "T1", channel: "C1" };
    try {
      await store.setAutoanswer(key, true, "U1", new Date());
      // the server drops every connection of this database (a restart or failover looks the same to the client)
      const admin = new pg.Client({ connectionString: db.url });
      await admin.connect();
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
      await admin.end();
      const first = await store.getChannelSettings(key).then(() => "ok", (e: unknown) => e);
      // the first call may hit a dead pooled connection: the coded error, never a raw driver error
      if (first !== "ok") expect(first).toBeInstanceOf(StorageUnavailableError);
      expect(await store.getChannelSettings(key)).toMatchObject({ autoanswer: true });
      expect(await store.healthy()).toBe(true);
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
