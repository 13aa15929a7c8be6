// `src/main.ts` as a real process (Slack in HTTP mode against the fake Slack Web API, PORT=0): SIGHUP reload of a
// broken copy of data/ keeps the last good knowledge base and logs each problem with file, record and field;
// SIGTERM during an in-flight reply finishes it, closes the database and exits 0; one log line per request without
// message text, and never a token or secret.
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FakeSlackApi } from "../helpers/slack-fake-api.js";
import { freePort, MainProcess, ROOT, useMainProcesses, type LogLine } from "../helpers/main-process.js";
import { eventBody, signedHeaders, slashCommandBody, TEST_SIGNING_SECRET } from "../helpers/slack-signing.js";

const BOT_TOKEN = "xoxb-main-process-secret-4242";
const fake = new FakeSlackApi();
const { tmp, track } = useMainProcesses(fake);


async function startMain(env: Record<string, string>, opts: { asNpmStart?: boolean } = {}): Promise<{ main: MainProcess; url: string }> {
  const main = new MainProcess({
    SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: fake.apiUrl,
    PORT: "0", LOG_LEVEL: "info", RATE_USER_PER_MINUTE: "1000", RATE_CHANNEL_PER_MINUTE: "1000", ...env,
  }, opts);
  track(main);
  const listening = await main.waitForLog((l) => l.msg === "slack adapter listening", 30_000);
  await main.waitForLog((l) => l.msg === "digest scheduler started");
  return { main, url: `http://127.0.0.1:${listening.port as number}` };
}

async function slash(url: string, text: string): Promise<{ status: number; body: string }> {
  const body = slashCommandBody({ text, user: "U42", channel: "C42", responseUrl: fake.responseUrl("main") });
  const res = await fetch(`${url}/slack/events`, { method: "POST", headers: signedHeaders(body, "application/x-www-form-urlencoded"), body });
  return { status: res.status, body: await res.text() };
}

async function until(cond: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

const AMAZON = "Amazon is the e-commerce and cloud company";

describe("SIGHUP reload", { timeout: 90_000 }, () => {
  it("keeps the last good knowledge base on a broken change, logs file, record and field, and takes the fix", async () => {
    const kb = tmp("kb");
    cpSync(join(ROOT, "data"), kb, { recursive: true });
    const entities = join(kb, "entities.yaml");
    const original = readFileSync(entities, "utf8");
    expect(original).toContain(AMAZON);
    const { main, url } = await startMain({ KB_DIR: kb, DATA_DIR: tmp("var") });

    // 1. a good change is picked up
    writeFileSync(entities, original.replace(AMAZON, "Amazon is the ZEBRAMARK e-commerce and cloud company"));
    let mark = main.logs.length;
    main.kill("SIGHUP");
    await main.waitForLog((l) => l.msg === "knowledge base reloaded" && main.logs.indexOf(l) >= mark);
    expect((await slash(url, "about amazon")).body).toContain("ZEBRAMARK");

    // 2. a broken change (bad kind on amazon, plus a new marker) is refused; answers stay on version 1
    writeFileSync(entities, original.replace(AMAZON, "Amazon is the YAKMARK e-commerce and cloud company").replace("kind: company", "kind: spaceship"));
    mark = main.logs.length;
    main.kill("SIGHUP");
    await main.waitForLog((l) => l.msg?.startsWith("knowledge base reload failed") === true && main.logs.indexOf(l) >= mark);
    const problems = main.since(mark, "knowledge base problem");
    expect(problems.length).toBeGreaterThan(0);
    expect(problems).toContainEqual(expect.objectContaining({ file: expect.stringMatching(/entities\.yaml$/), record: "amazon", field: "kind", reason: expect.any(String) }));
    const during = await slash(url, "about amazon");
    expect(during.status).toBe(200);
    expect(during.body).toContain("ZEBRAMARK");
    expect(during.body).not.toContain("YAKMARK");
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    // 3. the fix is taken
    writeFileSync(entities, original.replace(AMAZON, "Amazon is the YAKMARK e-commerce and cloud company"));
    mark = main.logs.length;
    main.kill("SIGHUP");
    await main.waitForLog((l) => l.msg === "knowledge base reloaded" && main.logs.indexOf(l) >= mark);
    expect((await slash(url, "about amazon")).body).toContain("YAKMARK");

    main.kill("SIGTERM");
    expect((await main.exited).code).toBe(0);
  });
});

describe("logs", { timeout: 90_000 }, () => {
  it("one line per request with platform, command, latency and outcome; no message text, token or signing secret", async () => {
    const { main, url } = await startMain({ DATA_DIR: tmp("var") });
    expect((await slash(url, "how much did zebraquestion invest in anthropic")).status).toBe(200);
    expect((await slash(url, "timeline trainium")).status).toBe(200);
    // a request with a bad signature and one with the secret in its body are refused or answered, never logged verbatim
    const bad = slashCommandBody({ text: `leak ${TEST_SIGNING_SECRET} ${BOT_TOKEN}`, responseUrl: fake.responseUrl("x") });
    await fetch(`${url}/slack/events`, { method: "POST", headers: { ...signedHeaders(bad, "application/x-www-form-urlencoded"), "x-slack-signature": "v0=bad" }, body: bad });
    main.kill("SIGTERM");
    expect((await main.exited).code).toBe(0);

    const requests = main.logs.filter((l) => l.msg === "request");
    expect(requests).toHaveLength(2);
    for (const r of requests) {
      expect(r).toMatchObject({ platform: "slack", via: "slash" });
      expect(typeof r.command).toBe("string");
      expect(typeof r.outcome).toBe("string");
      expect(typeof r.ms).toBe("number");
    }
    expect(requests.map((r) => r.command)).toEqual(["ask", "timeline"]);
    expect(main.output).not.toContain("zebraquestion");
    expect(main.output).not.toContain(BOT_TOKEN);
    expect(main.output).not.toContain(TEST_SIGNING_SECRET);
    expect(main.output).not.toContain("xoxb-");
  });

  it("LOG_LEVEL=warn drops info lines", async () => {
    const port = await freePort();
    const main = new MainProcess({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: String(port), LOG_LEVEL: "warn", DATA_DIR: tmp("var") });
    track(main);
    // no info line to wait for: ready (the digest scheduler included) means started, signal handlers in place
    await until(async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.status === 200);
    expect((await slash(`http://127.0.0.1:${port}`, "help")).status).toBe(200);
    main.kill("SIGTERM");
    expect((await main.exited).code).toBe(0);
    expect(main.logs.filter((l: LogLine) => (l.level ?? 0) < 40)).toEqual([]);
  });
});

describe("timeline pictures", { timeout: 90_000 }, () => {
  it("a mention in HTTP mode: the text reply, then one picture drawn on the chart worker and uploaded beside it", async () => {
    const { main, url } = await startMain({ DATA_DIR: tmp("var") });
    const ts = "1700000123.000100";
    const body = eventBody({ type: "app_mention", channel: "CPIC", user: "U42", text: "<@UBOT> timeline anthropic", ts, event_ts: ts }, "EvPicture1");
    expect((await fetch(`${url}/slack/events`, { method: "POST", headers: signedHeaders(body, "application/json"), body })).status).toBe(200);
    const sent = await main.waitForLog((l) => l.msg === "picture sent" || l.msg === "picture not sent; the text answer stands", 60_000);
    expect(sent).toMatchObject({ msg: "picture sent", platform: "slack", via: "mention", command: "timeline" });
    // the request's line (its text reply) comes before the picture's
    expect(main.logs.findIndex((l) => l.msg === "request")).toBeLessThan(main.logs.indexOf(sent));
    const mine = fake.calls.filter((c) => c.args.channel === "CPIC" || c.args.channel_id === "CPIC" || c.method === "files.getUploadURLExternal" || c.method === "upload");
    expect(mine.map((c) => c.method)).toEqual(["chat.postMessage", "files.getUploadURLExternal", "upload", "files.completeUploadExternal"]);
    expect(fake.sharedFiles()).toEqual([expect.objectContaining({ channel: "CPIC", thread: ts, filename: "timeline.png", title: "Timeline: Anthropic" })]);
    main.kill("SIGTERM");
    expect((await main.exited).code).toBe(0);
  });
});

describe("SIGTERM", { timeout: 90_000 }, () => {
  it("finishes an in-flight reply, closes the database and exits 0 (started exactly as `npm start` runs it)", async () => {
    const data = tmp("var");
    const { main, url } = await startMain({ DATA_DIR: data, SHUTDOWN_TIMEOUT_MS: "15000" }, { asNpmStart: true });
    const hold = fake.hold("chat.postMessage");
    const ts = "1700000100.000100";
    const body = eventBody({ type: "app_mention", channel: "C42", user: "U42", text: "<@UBOT> who makes trainium?", ts, event_ts: ts }, "EvShutdown1");
    const res = await fetch(`${url}/slack/events`, { method: "POST", headers: signedHeaders(body, "application/json"), body });
    expect(res.status).toBe(200); // acked at once; the reply is still being posted
    await hold.arrived;
    expect(existsSync(join(data, "aistack.db-wal"))).toBe(true);

    main.kill("SIGTERM");
    await main.waitForLog((l) => l.msg?.startsWith("shutting down") === true);
    await new Promise((r) => setTimeout(r, 500));
    expect(main.child.exitCode).toBeNull(); // still waiting for the reply
    hold.release();

    const exit = await main.exited;
    expect(exit.code).toBe(0);
    const reply = fake.callsOf("chat.postMessage").at(-1)!;
    expect(reply.args).toMatchObject({ channel: "C42", thread_ts: ts });
    expect(main.logs.some((l) => l.msg === "request" && l.via === "mention")).toBe(true);
    expect(main.logs.at(-1)?.msg).toBe("stopped");
    // the last connection closed cleanly: SQLite checkpointed and removed the WAL file
    expect(existsSync(join(data, "aistack.db-wal"))).toBe(false);
  });
});
