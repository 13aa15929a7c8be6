// Black box: two `npm start` processes in Slack HTTP mode sharing one DATABASE_URL (a real Postgres, started for the
// run), behind one fake Slack Web API on 127.0.0.1. The same signed event sent to both is answered once; a channel
// subscribed through one of them to a digest due in the coming minute gets exactly one digest post while both run,
// and the other instance is seen looking at that minute too.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { FakeSlackApi } from "../helpers/slack-fake-api.js";
import { freePort, MainProcess, sleep, useMainProcesses } from "../helpers/main-process.js";
import { eventBody, signedHeaders, slashCommandBody, TEST_SIGNING_SECRET } from "../helpers/slack-signing.js";

const fake = new FakeSlackApi();
const { tmp, track } = useMainProcesses(fake);
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function instance(): Promise<{ main: MainProcess; url: string }> {
  const port = await freePort();
  const main = track(new MainProcess({
    SLACK_BOT_TOKEN: "xoxb-instances-test", SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: fake.apiUrl,
    DATABASE_URL: db.url, DATA_DIR: tmp("instances"), PORT: String(port), LOG_LEVEL: "debug",
    // each instance looks for subscriptions made on the other every 2 s (default 60 s)
    DIGEST_POLL_SECONDS: "2",
  }));
  return { main, url: `http://127.0.0.1:${port}` };
}

async function untilReady(url: string): Promise<void> {
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    const res = await fetch(`${url}/readyz`).catch(() => undefined);
    if (res?.status === 200) return;
    await sleep(100);
  }
  throw new Error(`${url} never became ready`);
}

async function until(cond: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond() && Date.now() < end) await sleep(100);
}

const send = (url: string, body: string, type: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/slack/events`, { method: "POST", headers: { ...signedHeaders(body, type), ...headers }, body });

it("two instances on one Postgres: one reply per event, one digest per channel and day", { timeout: 180_000 }, async () => {
  const [a, b] = await Promise.all([instance(), instance()]);
  await Promise.all([untilReady(a.url), untilReady(b.url)]);

  // The same event (a Slack retry, or a Socket Mode redelivery) reaches both instances at once.
  const ts = `${Math.floor(Date.now() / 1000)}.000100`;
  const event = eventBody({ type: "app_mention", channel: "CTWICE", user: "U1", text: "<@UBOT> who makes trainium?", ts, event_ts: ts }, "EvInstances1");
  const [ra, rb] = await Promise.all([send(a.url, event, "application/json"), send(b.url, event, "application/json", { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" })]);
  expect([ra.status, rb.status]).toEqual([200, 200]);
  const requestLines = () => [a, b].flatMap((x) => x.main.logs.filter((l) => l.msg === "request" && l.via === "mention"));
  await until(() => requestLines().length === 2, 20_000);
  expect(requestLines().map((l) => l.outcome).sort()).toEqual(["duplicate", "fact"].sort());
  expect(fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "CTWICE")).toHaveLength(1);

  // A digest due in the coming minute (UTC), subscribed through instance A.
  let due = new Date(Math.ceil((Date.now() + 1) / 60_000) * 60_000);
  if (due.getTime() - Date.now() < 8_000) due = new Date(due.getTime() + 60_000); // time to subscribe before it
  const at = due.toISOString().slice(11, 16);
  const command = slashCommandBody({ text: `digest subscribe at ${at} tz UTC days daily`, channel: "CDIGEST", responseUrl: fake.responseUrl("sub") });
  const subscribed = await (await send(a.url, command, "application/x-www-form-urlencoded")).text();
  expect(subscribed).toMatch(/subscribed to the daily digest/);

  const digests = () => fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "CDIGEST");
  await until(() => digests().length > 0, due.getTime() - Date.now() + 20_000);
  expect(digests()).toHaveLength(1);
  // Both instances tick after the run instant (B learns of the subscription within its 2 s poll); still one post.
  const tickedAfterDue = (m: MainProcess) => m.logs.some((l) => l.msg === "digest tick" && typeof l.time === "number" && l.time > due.getTime());
  await until(() => tickedAfterDue(a.main) && tickedAfterDue(b.main), 15_000);
  expect(tickedAfterDue(a.main) && tickedAfterDue(b.main)).toBe(true);
  await sleep(2_500);
  expect(digests()).toHaveLength(1);
  const deliveries = [a, b].flatMap((x) => x.main.logs.filter((l) => l.msg === "digest delivery" && l.channel === "slack:T1:CDIGEST"));
  expect(deliveries.map((l) => l.outcome)).toEqual(["posted"]);
  // nothing the processes wrote names the database password
  for (const x of [a, b]) expect(x.main.output).not.toContain(new URL(db.url).password);
});
