// The process as a supervisor sees it. SIGHUP is handled from the first module main.ts evaluates: one sent the moment
// the process can take it, before the knowledge base and the database are loaded (the reviewer's SIGHUP in the first
// 1.5 s exited 129), is queued and reloads once the bot is up. Errors that escape every handler: an unhandled
// rejection is logged (name and frames, never its message) and the process keeps serving; an uncaught exception
// shuts down and exits 1, for the supervisor to restart it (README, "Running in production").
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FakeSlackApi } from "../helpers/slack-fake-api.js";
import { MainProcess, ROOT, useMainProcesses, type LogLine } from "../helpers/main-process.js";
import { runProcess } from "../helpers/run-process.js";
import { TEST_SIGNING_SECRET } from "../helpers/slack-signing.js";

const fake = new FakeSlackApi();
const { tmp, track } = useMainProcesses(fake);

/** Does the process have a handler for SIGHUP (signal 1: bit 0 of SigCgt in /proc/<pid>/status)? */
function catchesSighup(pid: number): boolean {
  try {
    const mask = /^SigCgt:\s*([0-9a-f]+)$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return mask !== undefined && (BigInt(`0x${mask}`) & 1n) === 1n;
  } catch {
    return false;
  }
}

describe("SIGHUP during start-up", { timeout: 90_000 }, () => {
  it.runIf(process.platform === "linux")("is handled before the knowledge base and the database load, queued, and reloads once the bot is up", async () => {
    const data = tmp("var");
    const main = track(new MainProcess({ SLACK_BOT_TOKEN: "xoxb-lifecycle-1", SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: "0", LOG_LEVEL: "info", DATA_DIR: data }, { firstStart: true }));
    const pid = main.child.pid!;
    while (!catchesSighup(pid) && main.child.exitCode === null) await new Promise((r) => setTimeout(r, 2));
    // nothing loaded yet: no knowledge-base snapshot, no database file
    const loadedBefore = { cache: existsSync(join(data, "cache")), database: existsSync(join(data, "aistack.db")) };
    main.kill("SIGHUP");
    await main.waitForLog((l) => l.msg === "digest scheduler started", 60_000);
    await main.waitForLog((l) => l.msg === "knowledge base reloaded", 30_000);
    expect(loadedBefore).toEqual({ cache: false, database: false });
    expect(main.child.exitCode).toBeNull();
    expect(main.logs.filter((l: LogLine) => l.msg === "knowledge base reloaded")).toHaveLength(1);
  });
});

/**
 * Size of the data file the reload reads: its parsing and validation on the loader thread take seconds, far past
 * the 300 ms after which /healthz is asked (a reload on the event loop would answer it only after "reloaded").
 * 12 MB took half a minute on a busy 2-core machine; 6 MB proves the same.
 */
const BULK_MB = 6;

/** A valid data file of about `mb` megabytes: suggested questions, the lightest records to build an index for. */
function bigDataFile(mb: number): string {
  const lines = ["questions:"];
  for (let i = 0, size = 0; size < mb * 1024 * 1024; i++) {
    const record = `  - id: bulk-question-${i}\n    question: Who makes the chip number ${i}?\n    topics: [chips]\n    added: 2026-11-25\n    reviewed: 2026-11-25\n`;
    lines.push(record.trimEnd());
    size += record.length;
  }
  return lines.join("\n") + "\n";
}

describe("SIGHUP with a large data file", { timeout: 120_000 }, () => {
  it("reads and validates it off the event loop: /healthz is answered while the reload runs", async () => {
    const kb = join(tmp("kb"), "data");
    cpSync(join(ROOT, "data"), kb, { recursive: true });
    const main = track(new MainProcess({ SLACK_BOT_TOKEN: "xoxb-lifecycle-2", SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: "0", LOG_LEVEL: "info", DATA_DIR: tmp("var"), KB_DIR: kb }));
    const listening = await main.waitForLog((l) => l.msg === "slack adapter listening", 60_000);
    writeFileSync(join(kb, "zz-bulk.yaml"), bigDataFile(BULK_MB));

    const events: string[] = [];
    const reloaded = main.waitForLog((l) => l.msg === "knowledge base reloaded", 90_000).then(() => events.push("reloaded"));
    main.kill("SIGHUP");
    await new Promise((r) => setTimeout(r, 300)); // the signal is handled and the reload under way
    const health = await fetch(`http://127.0.0.1:${listening.port as number}/healthz`);
    events.push(`healthz ${health.status}`);
    await reloaded;
    // the synchronous reload answered /healthz only after "knowledge base reloaded" (seconds for a file this size)
    expect(events).toEqual(["healthz 200", "reloaded"]);
    expect(main.logs.find((l) => l.msg === "knowledge base reloaded")?.facts).toBeGreaterThan(100);
  });
});

describe("errors that escape every handler", { timeout: 60_000 }, () => {
  it("an unhandled rejection is logged without its message and the process keeps serving; an uncaught exception shuts down with exit 1", async () => {
    const r = await runProcess(process.execPath, ["--import", "tsx", join(ROOT, "tests/fixtures/process/guarded-child.ts")], "", { ...process.env, NO_COLOR: "1" });
    const lines = r.stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as LogLine);
    expect(lines.map((l) => l.msg)).toEqual([
      "unhandled promise rejection; still serving",
      "still serving",
      "uncaught exception: process state unknown, shutting down",
      "shutdown called",
    ]);
    expect(lines[0]).toMatchObject({ err: { name: "Error" } });
    expect(lines[2]).toMatchObject({ err: { name: "TypeError" }, origin: "uncaughtException" });
    expect(r.stdout).not.toContain("payload text");
    expect(r.code).toBe(1);
  });
});
