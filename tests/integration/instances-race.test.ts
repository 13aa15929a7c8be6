// Two instances on one Postgres, in one process: each a real Slack adapter (Bolt's HTTP receiver, its own pool and
// pipeline) behind one fake Slack. The races a load balancer or a rolling deploy makes: the same event reaching both,
// one user's burst split across both, and both schedulers ticking the minute a digest is due.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackPoster } from "../../src/adapters/slack/index.js";
import type { AppDeps } from "../../src/app/deps.js";
import { RATE_LIMITED_TEXT } from "../../src/app/ratelimit.js";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/log.js";
import { DigestScheduler } from "../../src/scheduler/index.js";
import { FakeClock, FakeTime } from "../helpers/digest-fakes.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { FakeSlackApi } from "../helpers/slack-fake-api.js";
import { realCore, SlackHarness } from "../helpers/slack-harness.js";

const fake = new FakeSlackApi();
let db: TestDatabase;
let a: SlackHarness;
let b: SlackHarness;

beforeAll(async () => {
  db = await createTestDatabase();
  await fake.start();
  const env = { RATE_USER_PER_MINUTE: "20", RATE_CHANNEL_PER_MINUTE: "1000" };
  [a, b] = await Promise.all([new SlackHarness({ fake, databaseUrl: db.url, env }).start(), new SlackHarness({ fake, databaseUrl: db.url, env }).start()]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await fake.close();
  await db?.drop();
});

describe("two instances on one Postgres", () => {
  it("the same event delivered to both at once (a retry, a redelivery) gets one reply", async () => {
    fake.clear();
    const events = Array.from({ length: 10 }, (_, i) => ({ id: `EvRace${Date.now()}${i}`, ts: a.ts(), channel: `CR${i}` }));
    await Promise.all(events.flatMap((e) => {
      const event = { type: "app_mention", channel: e.channel, user: "U1", text: "<@UBOT> who makes trainium?", ts: e.ts, event_ts: e.ts };
      return [a.event(event, { eventId: e.id }), b.event(event, { eventId: e.id, retryNum: 1 })];
    }));
    const posts = fake.callsOf("chat.postMessage");
    expect(posts).toHaveLength(10);
    expect(new Set(posts.map((p) => p.args.channel)).size).toBe(10);
  });

  it("a burst of 30 from one user split across both instances gets the user's 20 a minute, not 20 each", async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).command("when was trainium announced?", { user: "UBURST", channel: `CB${i % 3}` })));
    const answered = results.filter((r) => r.text.includes("Trainium"));
    const notices = results.filter((r) => r.text.includes(RATE_LIMITED_TEXT.slice(0, 30)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(answered).toHaveLength(20);
    // told once, on whichever instance noticed first; the rest get a silent ack
    expect(notices).toHaveLength(1);
  });

  it("both schedulers ticking the minute twenty digests are due post each channel's digest once", async () => {
    const clock = new FakeClock("2025-06-16T09:00:30Z");
    const config = loadConfig({ SLACK_BOT_TOKEN: "xoxb-test-token", SLACK_SIGNING_SECRET: "x", SLACK_API_URL: fake.apiUrl, LOG_LEVEL: "silent" });
    const channels = Array.from({ length: 20 }, (_, i) => ({ platform: "slack" as const, workspace: "T1", channel: `CD${i}` }));
    for (const key of channels) await a.storage.saveDigestSubscription(key, { time: "09:00", tz: "UTC", days: "daily", topics: [] }, "U1", new Date("2025-06-15T00:00:00Z"), "test");
    const scheduler = (h: SlackHarness, id: string) => {
      const deps: AppDeps = { config, core: realCore, storage: h.storage, logger: silentLogger(), clock: clock.now };
      return new DigestScheduler(deps, [createSlackPoster(config)], { time: new FakeTime(clock), instanceId: id });
    };
    fake.clear();
    const [ra, rb] = await Promise.all([scheduler(a, "instance-a").tick(), scheduler(b, "instance-b").tick()]);
    const posts = fake.callsOf("chat.postMessage");
    expect(posts).toHaveLength(20);
    expect(new Set(posts.map((p) => p.args.channel)).size).toBe(20);
    expect(ra.posted.length + rb.posted.length).toBe(20);
    for (const key of channels) expect(await b.storage.getDigestDelivery(key, "2025-06-16")).toMatchObject({ outcome: "posted", attempts: 1 });
  });
});
