// Runs `src/main.ts` as a child process (from the run's compiled build, or with `asNpmStart` exactly as `npm start`
// runs it: node --import tsx) with a clean environment: no platform variables from the outer shell, only what the
// test passes. Every line of stdout and stderr is kept;
// pino's JSON lines are parsed so tests can wait for a log message.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";
import { appArgs, npmStartArgs } from "./app-command.js";
import { seedKbCache } from "./kb-cache.js";

export const ROOT = join(import.meta.dirname, "..", "..");

export interface LogLine {
  level?: number;
  msg?: string;
  [k: string]: unknown;
}

export class MainProcess {
  readonly child: ChildProcess;
  /** everything the process wrote, stdout and stderr */
  output = "";
  readonly logs: LogLine[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private waiters: { pred: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];

  /**
   * With DATA_DIR, the run's warm start-up cache is copied in first, unless `firstStart` (a DATA_DIR as a new install
   * has it). `asNpmStart`: package.json's start command instead of the compiled build (its cache keys differ from the
   * build's, so such a start validates data/ as after an upgrade).
   */
  constructor(env: Record<string, string>, opts: { firstStart?: boolean; asNpmStart?: boolean } = {}) {
    if (env.DATA_DIR && !opts.firstStart) seedKbCache(env.DATA_DIR);
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|DISCORD_|DIGEST_|RATE_|DATABASE_|LOG_LEVEL|KB_DIR|DATA_DIR|PORT)/.test(k)));
    this.child = spawn(process.execPath, opts.asNpmStart ? npmStartArgs() : appArgs("src/main.ts"), { cwd: ROOT, env: { ...base, NO_COLOR: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let partial = "";
    const onData = (chunk: string) => {
      this.output += chunk;
      partial += chunk;
      const lines = partial.split("\n");
      partial = lines.pop()!;
      for (const l of lines) {
        if (!l.startsWith("{")) continue;
        try {
          const line = JSON.parse(l) as LogLine;
          this.logs.push(line);
          for (const w of this.waiters.filter((w) => w.pred(line))) w.resolve(line);
          this.waiters = this.waiters.filter((w) => !w.pred(line));
        } catch {
          // not a log line
        }
      }
    };
    this.child.stdout!.setEncoding("utf8").on("data", onData);
    this.child.stderr!.setEncoding("utf8").on("data", onData);
    this.exited = new Promise((resolve) => this.child.on("exit", (code, signal) => resolve({ code, signal })));
  }

  /** Resolves with the first log line (already seen or later) matching; rejects after timeoutMs or if the process exits. */
  waitForLog(pred: (l: LogLine) => boolean, timeoutMs = 20_000): Promise<LogLine> {
    const seen = this.logs.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching log line within ${timeoutMs} ms; output:\n${this.output.slice(-3000)}`)), timeoutMs);
      void this.exited.then(() => setTimeout(() => reject(new Error(`process exited; output:\n${this.output.slice(-3000)}`)), 50));
      this.waiters.push({
        pred,
        resolve: (l) => {
          clearTimeout(timer);
          resolve(l);
        },
      });
    });
  }

  /** Log lines with this message after the index (to tell a second reload's lines from the first's). */
  since(index: number, msg: string): LogLine[] {
    return this.logs.slice(index).filter((l) => l.msg === msg);
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
}

/** A port that was free a moment ago (for servers whose port cannot be 0, such as Socket Mode's health routes). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Hooks for a test file that runs `main` as child processes against a fake API: the fake starts before the tests;
 * after each test every process still running is killed (after all of them with `concurrent`, where one test's end
 * must not kill another's processes); after all, the fake closes and temp dirs go.
 */
export function useMainProcesses(fake: { start(): Promise<unknown>; close(): Promise<unknown> }, opts: { concurrent?: boolean } = {}) {
  const dirs: string[] = [];
  const procs: MainProcess[] = [];
  beforeAll(async () => {
    await fake.start();
  });
  const killAll = async () => {
    for (const p of procs.splice(0)) {
      if (p.child.exitCode === null && p.child.signalCode === null) p.kill("SIGKILL");
      await p.exited;
    }
  };
  if (!opts.concurrent) afterEach(killAll);
  afterAll(async () => {
    await killAll();
    await fake.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return {
    /** a temp dir removed after the file's tests */
    tmp(name: string): string {
      const d = mkdtempSync(join(tmpdir(), `aistack-${name}-`));
      dirs.push(d);
      return d;
    },
    /** registers a process to be killed after the test */
    track(p: MainProcess): MainProcess {
      procs.push(p);
      return p;
    },
  };
}
