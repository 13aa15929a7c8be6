// Another process holds SQLite's write lock (a child process in BEGIN IMMEDIATE, for up to 25 s) while `npm start`
// serves Slack in HTTP mode. Required: signed slash commands are acked within Slack's 3 seconds, /healthz answers at
// once, /readyz says storage is not ready, the unavailability is found once (one log line, not one wait per request),
// and once the lock is gone a background check makes the process ready again without any request.
//
// Timing bounds here are the requirements themselves, with margin: Slack drops an ack after 3 s, so each command must
// answer inside 3 s (it takes tens of ms; the old code took 5–10 s per command, waiting busy_timeout on the lock);
// /healthz must never wait on storage: 1 s is ten times the 100 ms asked for, and far below the seconds the event
// loop used to stand still. The test does not wait out the 25 s: it releases the lock once the answers are in.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeSlackApi } from "../helpers/slack-fake-api.js";
import { MainProcess, ROOT, useMainProcesses } from "../helpers/main-process.js";
import { signedHeaders, slashCommandBody, TEST_SIGNING_SECRET } from "../helpers/slack-signing.js";

const fake = new FakeSlackApi();
const { tmp, track } = useMainProcesses(fake);
const SLACK_ACK_DEADLINE_MS = 3_000;
const HEALTHZ_BOUND_MS = 1_000;
let holder: ChildProcess | undefined;

afterEach(() => {
  holder?.kill("SIGKILL");
  holder = undefined;
});

/** A separate process that takes the write lock and keeps it for `ms` (or until killed). */
function holdWriteLock(dbFile: string, ms: number): Promise<ChildProcess> {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(${JSON.stringify(dbFile)});
    db.exec("BEGIN IMMEDIATE");
    process.stdout.write("locked\\n");
    setTimeout(() => { db.exec("ROLLBACK"); db.close(); }, ${ms});`;
  const child = spawn(process.execPath, ["-e", script], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.stdout!.once("data", () => resolve(child));
    child.once("exit", (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
}

async function slash(url: string, text: string, user = "U42"): Promise<{ status: number; body: string }> {
  const body = slashCommandBody({ text, user, channel: "C42", responseUrl: fake.responseUrl("lock") });
  const res = await fetch(`${url}/slack/events`, { method: "POST", headers: signedHeaders(body, "application/x-www-form-urlencoded"), body, signal: AbortSignal.timeout(SLACK_ACK_DEADLINE_MS) });
  return { status: res.status, body: await res.text() };
}

async function readyz(url: string): Promise<{ status: number; checks: Record<string, boolean> }> {
  const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(HEALTHZ_BOUND_MS) });
  return { status: res.status, checks: ((await res.json()) as { checks: Record<string, boolean> }).checks };
}

async function until<T>(get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`condition not met in time: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("another process holds the SQLite write lock", { timeout: 90_000 }, () => {
  it("acks slash commands inside 3 s, answers /healthz at once, reports not ready, and recovers by itself", async () => {
    const dataDir = tmp("lock");
    const main = track(new MainProcess({
      SLACK_BOT_TOKEN: "xoxb-lock-test", SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: fake.apiUrl,
      PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "info", RATE_USER_PER_MINUTE: "1000", RATE_CHANNEL_PER_MINUTE: "1000",
    }));
    const listening = await main.waitForLog((l) => l.msg === "slack adapter listening", 30_000);
    const url = `http://127.0.0.1:${listening.port as number}`;
    expect((await slash(url, "when was trainium announced?")).body).toMatch(/Trainium/);
    expect((await readyz(url)).status).toBe(200);

    holder = await holdWriteLock(join(dataDir, "aistack.db"), 25_000);
    const mark = main.logs.length;

    // questions: answered inside the ack, one after another and at once
    for (const q of ["who makes trainium?", "how much did Amazon invest in Anthropic?", "timeline anthropic"]) {
      const r = await slash(url, q);
      expect(r.status).toBe(200);
      expect(r.body).toMatch(/"response_type":"ephemeral"/);
    }
    const burst = await Promise.all(["about inferentia", "compare trainium tpu", "sources", "help"].map((q, i) => slash(url, q, `UB${i}`)));
    expect(burst.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    // a change cannot be saved: said at once, inside the ack
    expect((await slash(url, "autoanswer on")).body).toMatch(/could not save that change/);

    // liveness never touches storage; readiness reports it
    const health = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(HEALTHZ_BOUND_MS) });
    expect(health.status).toBe(200);
    const notReady = await readyz(url);
    expect(notReady.status).toBe(503);
    expect(notReady.checks.storage).toBe(false);
    // the lock was found once and remembered, not waited for again by every request
    expect(main.since(mark, "storage unavailable; requests carry on without it until a background check succeeds")).toHaveLength(1);

    // the lock goes away (the holder dies): readiness returns with no request needed
    holder.kill("SIGKILL");
    const ready = await until(() => readyz(url), (r) => r.status === 200);
    expect(ready.checks.storage).toBe(true);
    expect(main.since(mark, "storage available again")).toHaveLength(1);
    expect((await slash(url, "autoanswer on")).body).not.toMatch(/could not save/);
  });
});

describe("the database file is deleted under the running process", { timeout: 90_000 }, () => {
  it("reports not ready within seconds, while questions are still answered", async () => {
    const dataDir = tmp("deleted");
    const main = track(new MainProcess({
      SLACK_BOT_TOKEN: "xoxb-lock-test", SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: fake.apiUrl,
      PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "info",
    }));
    const listening = await main.waitForLog((l) => l.msg === "slack adapter listening", 30_000);
    const url = `http://127.0.0.1:${listening.port as number}`;
    expect((await until(() => readyz(url), (r) => r.status === 200)).checks.storage).toBe(true);
    rmSync(join(dataDir, "aistack.db"));
    // no request needed: the background check notices (the old code kept answering 200 and wrote into the lost file)
    const r = await until(() => readyz(url), (v) => v.status === 503);
    expect(r.checks.storage).toBe(false);
    expect(main.logs.find((l) => l.msg?.startsWith("storage unavailable"))?.code).toBe("file_missing");
    expect((await slash(url, "who makes trainium?")).body).toMatch(/Trainium/);
    // a change is refused out loud instead of being written where no restart will find it
    expect((await slash(url, "autoanswer on")).body).toMatch(/could not save that change/);
  });
});
