// Two instances share one digest budget through storage: two pacers on two connections to one database (a SQLite
// file, and Postgres) together take no more tokens than one may at DIGEST_GLOBAL_RATE. Before, each instance paced
// at the workspace's limit on its own and two of them drew 429s.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSharedPacer } from "../../src/scheduler/pacing.js";
import { SqliteStorage } from "../../src/storage/sqlite/store.js";
import type { RateBucketStore, Storage } from "../../src/storage/types.js";
import { createTestDatabase, openTestPostgres, type TestDatabase } from "../helpers/postgres.js";

const RATE = 10;
const RUN_MS = 2_000;
/** One instance's most in RUN_MS: the rate, plus the burst the bucket starts with (half a second's worth), plus one. */
const ONE_BUDGET = (RATE * RUN_MS) / 1000 + RATE / 2 + 1;

async function drain(buckets: RateBucketStore, prefix: string, until: number): Promise<number> {
  const pacer = createSharedPacer({ buckets, ratePerSecond: RATE, now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
  let taken = 0;
  // a different channel each time: only the shared budget limits
  for (let i = 0; Date.now() < until; i++) {
    await pacer.acquire(`${prefix}${i}`);
    if (Date.now() < until) taken++;
  }
  return taken;
}

async function twoInstances(a: Storage, b: Storage): Promise<[number, number]> {
  const until = Date.now() + RUN_MS;
  return Promise.all([drain(a, "A", until), drain(b, "B", until)]);
}

let db: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), "aistack-pacing-"));
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the digest budget is shared by instances on one database", { timeout: 30_000 }, () => {
  it("SQLite: two connections together stay within one budget", async () => {
    const a = new SqliteStorage(join(dir, "aistack.db"));
    const b = new SqliteStorage(join(dir, "aistack.db"));
    try {
      const [x, y] = await twoInstances(a, b);
      expect(x + y).toBeLessThanOrEqual(ONE_BUDGET);
      expect(x + y).toBeGreaterThan(RATE); // paced, not stalled
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("Postgres: the same", async () => {
    const a = await openTestPostgres(db.url);
    const b = await openTestPostgres(db.url);
    try {
      const [x, y] = await twoInstances(a, b);
      expect(x + y).toBeLessThanOrEqual(ONE_BUDGET);
      expect(x + y).toBeGreaterThan(RATE);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
