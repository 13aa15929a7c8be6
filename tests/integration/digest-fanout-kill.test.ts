// Black box, as the issue judges it: 300 channels subscribed for the current minute, `npm start` in Slack HTTP mode
// against the fake Slack Web API (which stores every post as it arrives, like Slack, and answers a little late so
// that posts are in flight when the process dies). SIGKILL mid-fan-out, a restart, SIGTERM mid-fan-out, another
// restart: every channel gets exactly one digest that day, counted at the fake Slack, on a SQLite file and on
// Postgres. The SIGTERM'd process logs that it stopped and exits 0 within its deadline.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteStorage } from "../../src/storage/sqlite/store.js";
import type { Storage } from "../../src/storage/types.js";
import { localDate } from "../../src/scheduler/schedule.js";
import { FakeSlackApi } from "../helpers/slack-fake-api.js";
import { MainProcess, sleep, useMainProcesses } from "../helpers/main-process.js";
import { createTestDatabase, openTestPostgres, type TestDatabase } from "../helpers/postgres.js";
import { TEST_SIGNING_SECRET } from "../helpers/slack-signing.js";

const fake = new FakeSlackApi();
// The two scenarios run at the same time: most of each is waiting on the digest's pacing and leases, not the CPU.
// They share the fake Slack but use their own channels, storage and processes.
const { tmp, track } = useMainProcesses(fake, { concurrent: true });
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  // every post is answered 150 ms after Slack stored it: a few are always in flight
  fake.postDelayMs = 150;
});
afterAll(async () => {
  await db?.drop();
});

const CHANNELS = 300;
const SHUTDOWN_TIMEOUT_MS = 8_000;

async function until(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Subscribes CHANNELS channels (prefix-numbered) to a daily digest at the current UTC minute. */
async function seed(storage: Storage, prefix: string): Promise<{ keys: { platform: "slack"; workspace: string; channel: string }[]; day: string }> {
  const now = new Date();
  const time = `${String(now.getUTCHours()).padStart(2, "0")}:${String(now.getUTCMinutes()).padStart(2, "0")}`;
  const keys = Array.from({ length: CHANNELS }, (_, i) => ({ platform: "slack" as const, workspace: "T1", channel: `${prefix}${String(i).padStart(3, "0")}` }));
  for (const key of keys) await storage.saveDigestSubscription(key, { time, tz: "UTC", days: "daily", topics: [] }, "U1", new Date(now.getTime() - 3_600_000), "test");
  return { keys, day: localDate(now, "UTC") };
}

/** Messages Slack stored in the scenario's channels: the digest is the only thing posted there. */
const digestsIn = (prefix: string) => fake.messages.filter((m) => m.channel.startsWith(prefix));

async function scenario(prefix: string, env: Record<string, string>, open: () => Promise<Storage>) {
  const storage = await open();
  const { keys, day } = await seed(storage, prefix);
  await storage.close();
  const start = () => track(new MainProcess({
    SLACK_BOT_TOKEN: "xoxb-fanout-test", SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: "0", LOG_LEVEL: "info",
    // the workspace budget at its highest setting, short calls (a lease is 2 × 1 s + LEASE_MARGIN_MS), a short poll
    DIGEST_GLOBAL_RATE: "50", PLATFORM_TIMEOUT_MS: "1000", DIGEST_POLL_SECONDS: "1", SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS), ...env,
  }));
  const first = start();
  await until(() => digestsIn(prefix).length >= 60, 60_000, "60 posts from the first process");
  first.kill("SIGKILL");
  await first.exited;

  const second = start();
  const before = digestsIn(prefix).length;
  await until(() => digestsIn(prefix).length >= before + 60, 60_000, "60 more posts from the second process");
  const term = Date.now();
  second.kill("SIGTERM");
  const exit = await second.exited;
  expect(exit.code).toBe(0);
  expect(Date.now() - term).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
  expect(second.logs.some((l) => l.msg === "stopped")).toBe(true);
  expect(digestsIn(prefix).length).toBeLessThan(CHANNELS); // the kill and the stop both landed mid-fan-out

  const third = start();
  await until(() => digestsIn(prefix).length >= CHANNELS, 60_000, "every channel posted");
  // every row settles (in-flight ones of the killed process are looked up once their lease runs out)
  const check = await open();
  try {
    await until(async () => (await Promise.all(keys.map((k) => check.getDigestDelivery(k, day)))).every((r) => r?.outcome === "posted"), 60_000, "every delivery recorded as posted");
  } finally {
    await check.close();
  }
  third.kill("SIGTERM");
  expect((await third.exited).code).toBe(0);

  const perChannel = new Map<string, number>();
  for (const m of digestsIn(prefix)) perChannel.set(m.channel, (perChannel.get(m.channel) ?? 0) + 1);
  expect(perChannel.size).toBe(CHANNELS);
  expect([...perChannel.values()].filter((n) => n !== 1)).toEqual([]);
  for (const m of digestsIn(prefix)) expect(m.metadata).toEqual({ event_type: "aistack_digest", event_payload: { channel: m.channel, local_date: day } });
  // posts in flight at the kill were looked up on Slack, not sent again
  expect(fake.callsOf("conversations.history").filter((c) => String(c.args.channel).startsWith(prefix)).length).toBeGreaterThan(0);
  return { first, second, third };
}

describe.concurrent("digest fan-out survives SIGKILL and SIGTERM: exactly one post per channel and day", { timeout: 240_000 }, () => {
  it("on a SQLite file", async () => {
    const dir = tmp("fanout");
    await scenario("CSQ", { DATA_DIR: dir }, async () => new SqliteStorage(join(dir, "aistack.db")));
  });

  it("on Postgres", async () => {
    await scenario("CPG", { DATA_DIR: tmp("fanout-pg"), DATABASE_URL: db.url }, () => openTestPostgres(db.url));
  });
});
