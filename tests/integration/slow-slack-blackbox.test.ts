// Black box, as the issue judges it: `npm start` in Slack HTTP mode against a fake Slack that stores every
// chat.postMessage at once but answers after the call timeout. Each digest and each mention reply reaches Slack
// once: the posts are never resent blindly (the digest is looked up by its metadata, the reply is given up as
// "outcome unknown").
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { SqliteStorage } from "../../src/storage/sqlite/store.js";
import { localDate } from "../../src/scheduler/schedule.js";
import { FakeSlackApi } from "../helpers/slack-fake-api.js";
import { freePort, MainProcess, sleep, useMainProcesses } from "../helpers/main-process.js";
import { eventBody, signedHeaders, TEST_SIGNING_SECRET } from "../helpers/slack-signing.js";

const fake = new FakeSlackApi();
const { tmp, track } = useMainProcesses(fake);
afterAll(() => {
  fake.postDelayMs = 0;
});

async function until(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

it("Slack slower than the call timeout: each digest and each mention reply reaches it once", { timeout: 120_000 }, async () => {
  const dir = tmp("slow-slack");
  const now = new Date();
  const time = `${String(now.getUTCHours()).padStart(2, "0")}:${String(now.getUTCMinutes()).padStart(2, "0")}`;
  const keys = ["CSLOW1", "CSLOW2", "CSLOW3"].map((channel) => ({ platform: "slack" as const, workspace: "T1", channel }));
  const storage = new SqliteStorage(join(dir, "aistack.db"));
  for (const key of keys) await storage.saveDigestSubscription(key, { time, tz: "UTC", days: "daily", topics: [] }, "U1", new Date(now.getTime() - 3_600_000), "test");
  await storage.close();
  const day = localDate(now, "UTC");

  fake.postDelayMs = 1_500;
  const port = await freePort();
  const main = track(new MainProcess({
    SLACK_BOT_TOKEN: "xoxb-slow-test", SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: String(port), LOG_LEVEL: "info",
    DATA_DIR: dir, PLATFORM_TIMEOUT_MS: "500", DIGEST_POLL_SECONDS: "1",
  }));
  await main.waitForLog((l) => l.msg === "slack adapter started", 60_000);
  const mentions = ["CMENTION1", "CMENTION2"];
  for (const [i, channel] of mentions.entries()) {
    const ts = `${Math.floor(Date.now() / 1000)}.00010${i}`;
    const body = eventBody({ type: "app_mention", channel, user: "U1", text: "<@UBOT> who makes trainium?", ts, event_ts: ts }, `EvSlow${i}`);
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: "POST", headers: signedHeaders(body, "application/json"), body });
    expect(res.status).toBe(200);
  }

  // every digest is settled: its unknown outcome looked up on Slack once the lease ran out
  await until(async () => {
    const s = new SqliteStorage(join(dir, "aistack.db"));
    try {
      return (await Promise.all(keys.map((k) => s.getDigestDelivery(k, day)))).every((r) => r?.outcome === "posted");
    } finally {
      await s.close();
    }
  }, 90_000, "every digest recorded as posted");
  await until(() => mentions.every((c) => main.logs.some((l) => l.msg === "request" && l.channel === c)), 10_000, "both mentions handled");
  await sleep(2_000); // time for any resend to arrive

  for (const key of keys) expect(fake.messagesIn(key.channel), key.channel).toHaveLength(1);
  for (const channel of mentions) expect(fake.messagesIn(channel), channel).toHaveLength(1);
  expect(fake.callsOf("conversations.history").length).toBeGreaterThanOrEqual(keys.length);
  main.kill("SIGTERM");
  expect((await main.exited).code).toBe(0);
});
