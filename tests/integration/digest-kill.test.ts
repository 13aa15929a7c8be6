// kill -9 during a digest run, then a restart on the same SQLite file (main as a child process, Slack HTTP mode
// against the fake Slack Web API). The scheduler claims a channel's day with a lease just before it posts, so the
// semantics are exactly once per channel and local day:
//   - killed before the claim: nothing was posted; the restart's catch-up posts it, once;
//   - killed after the claim, while the post is in flight (Slack has the request): once the lease runs out the
//     restart asks Slack (conversations.history, the digest's metadata) and records the post it finds, without
//     posting again; a post Slack never stored would be sent then.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SqliteStorage } from "../../src/storage/sqlite/store.js";
import { localDate } from "../../src/scheduler/schedule.js";
import { FakeSlackApi } from "../helpers/slack-fake-api.js";
import { MainProcess, useMainProcesses } from "../helpers/main-process.js";
import { TEST_SIGNING_SECRET } from "../helpers/slack-signing.js";

const fake = new FakeSlackApi();
const { tmp, track } = useMainProcesses(fake);


/** A data dir whose database has one daily subscription, due two minutes ago (UTC). */
async function seeded(channel: string): Promise<{ dir: string; key: { platform: "slack"; workspace: string; channel: string }; day: string }> {
  const dir = tmp("kill");
  const now = Date.now();
  const due = new Date(now - 2 * 60_000);
  const time = `${String(due.getUTCHours()).padStart(2, "0")}:${String(due.getUTCMinutes()).padStart(2, "0")}`;
  const key = { platform: "slack" as const, workspace: "T1", channel };
  const storage = new SqliteStorage(join(dir, "aistack.db"));
  (await storage.saveDigestSubscription(key, { time, tz: "UTC", days: "daily", topics: [] }, "U1", new Date(now - 3_600_000), "test"));
  await storage.close();
  return { dir, key, day: localDate(due, "UTC") };
}

const start = (dir: string) => {
  const main = new MainProcess({ SLACK_BOT_TOKEN: "xoxb-kill-test", SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: "0", LOG_LEVEL: "debug", DATA_DIR: dir, PLATFORM_TIMEOUT_MS: "1000" });
  track(main);
  return main;
};

const postsTo = (channel: string) => fake.callsOf("chat.postMessage").filter((c) => c.args.channel === channel);

async function delivery(dir: string, key: Awaited<ReturnType<typeof seeded>>["key"], day: string) {
  const storage = new SqliteStorage(join(dir, "aistack.db"));
  try {
    return { row: (await storage.getDigestDelivery(key, day)), sub: (await storage.getDigestSubscription(key)) };
  } finally {
    await storage.close();
  }
}

describe("kill -9 during a digest run", { timeout: 90_000 }, () => {
  it("after the claim, with the post in flight: the restart finds the post on Slack, records it, and does not post again", async () => {
    const { dir, key, day } = await seeded("CKILL1");
    const hold = fake.hold("chat.postMessage");
    const first = start(dir);
    await hold.arrived; // Slack has the post; the process waits for the answer
    first.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");
    hold.release();
    expect(postsTo("CKILL1")).toHaveLength(1);
    expect((await delivery(dir, key, day)).row).toMatchObject({ outcome: "claimed", localDate: day });

    const second = start(dir);
    await second.waitForLog((l) => l.msg === "digest delivery", 30_000);
    second.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
    expect(postsTo("CKILL1")).toHaveLength(1); // not doubled
    expect(fake.callsOf("conversations.history").filter((c) => c.args.channel === "CKILL1")).toHaveLength(1);
    const after = await delivery(dir, key, day);
    expect(after.row).toMatchObject({ outcome: "posted", messageId: fake.messagesIn("CKILL1")[0]!.ts });
    expect(after.sub).toMatchObject({ channel: "CKILL1", tz: "UTC", days: "daily" }); // the subscription is intact
  });

  it("before the claim: the restart's catch-up posts it, exactly once", async () => {
    const { dir, key, day } = await seeded("CKILL2");
    const hold = fake.hold("auth.test"); // the process is still starting: no scheduler, no claim yet
    const first = start(dir);
    await hold.arrived;
    first.kill("SIGKILL");
    await first.exited;
    hold.release();
    expect(postsTo("CKILL2")).toHaveLength(0);
    expect((await delivery(dir, key, day)).row).toBeUndefined();

    const second = start(dir);
    await second.waitForLog((l) => l.msg === "digest delivery", 30_000);
    await second.waitForLog((l) => l.msg === "digest tick");
    second.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
    expect(postsTo("CKILL2")).toHaveLength(1);
    expect((await delivery(dir, key, day)).row).toMatchObject({ outcome: "posted", attempts: 1 });
    expect(fake.callsOf("conversations.history")).toHaveLength(1); // only for CKILL1: a first attempt asks nothing
  });
});
