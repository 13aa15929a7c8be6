// The process as a supervisor sees it. SIGHUP is handled from the first module main.ts evaluates: one sent the moment
// the process can take it, before the knowledge base and the database are loaded (the reviewer's SIGHUP in the first
// 1.5 s exited 129), is queued and reloads once the bot is up. Errors that escape every handler: an unhandled
// rejection is logged (name and frames, never its message) and the process keeps serving; an uncaught exception
// shuts down and exits 1, for the supervisor to restart it (README, "Running in production").
import { existsSync, readFileSync } from "node:fs";
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
    const main = track(new MainProcess({ SLACK_BOT_TOKEN: "xoxb-lifecycle-1", SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: "0", LOG_LEVEL: "info", DATA_DIR: data }));
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
