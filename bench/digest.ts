// Digest delivery at scale: N Slack channels subscribed for the same minute, delivered by the real scheduler
// (SQLite claims, the real core composing each digest, the pacer) through the real SlackPoster to a fake Web API
// that enforces Slack-like limits: one message per second per channel and a global token bucket (rate R/s,
// bursts of one second's worth). The fake answers 429 + Retry-After when a limit is broken, and counts them.
// lower_bound_seconds is what those limits allow: the first R at once, then R a second.
import { mkdtempSync, rmSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createSlackPoster } from "../src/adapters/slack/index.js";
import type { AppDeps } from "../src/app/deps.js";
import { loadConfig } from "../src/config.js";
import { createCore } from "../src/core/index.js";
import { withAnswerCache } from "../src/app/answer-cache.js";
import { loadKnowledgeBase } from "../src/kb/loader.js";
import { silentLogger } from "../src/log.js";
import { DigestScheduler } from "../src/scheduler/index.js";
import { SqliteStorage } from "../src/storage/sqlite/store.js";
import { round } from "./measure.js";

export interface DigestResult {
  channels: number;
  seconds: number;
  lower_bound_seconds: number;
  global_per_second: number;
  per_channel_per_second: number;
  delivered: number;
  failed: number;
  status_429: number;
  /** seconds / lower_bound_seconds (null when the bound is 0) */
  ratio: number | null;
}

/**
 * A chat.postMessage endpoint with Slack-like rate limits, in a worker thread: like a real platform it judges
 * arrival times on its own clock, so the scheduler's busy moments in the main thread do not bunch requests up
 * at the fake (an in-process fake would see them all at once after any stall).
 */
const LIMITED_API = `
const { createServer } = require("node:http");
const { parentPort, workerData } = require("node:worker_threads");
const rate = workerData.globalPerSecond;
let tokens = rate, last = performance.now();
const channelLast = new Map();
const stats = { posts: 0, limited: 0 };
const server = createServer((req, res) => {
  let raw = "";
  req.on("data", (d) => (raw += d));
  req.on("end", () => {
    const now = performance.now();
    const ct = String(req.headers["content-type"] || "");
    const args = ct.includes("json") ? JSON.parse(raw || "{}") : Object.fromEntries(new URLSearchParams(raw));
    const channel = String(args.channel || "");
    tokens = Math.min(rate, tokens + ((now - last) / 1000) * rate);
    last = now;
    const prev = channelLast.get(channel);
    const channelOk = prev === undefined || now - prev >= 1000 - 1; // 1 ms for timer granularity
    if (tokens < 1 - 1e-6 || !channelOk) {
      stats.limited++;
      res.writeHead(429, { "content-type": "application/json", "retry-after": "1" });
      return res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
    }
    tokens -= 1;
    channelLast.set(channel, now);
    stats.posts++;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true, channel, ts: "1700000000." + String(stats.posts).padStart(6, "0") }));
  });
});
server.listen(0, "127.0.0.1", () => parentPort.postMessage({ port: server.address().port }));
parentPort.on("message", (m) => {
  if (m === "stats") parentPort.postMessage({ stats });
  if (m === "close") server.close(() => parentPort.postMessage({ closed: true }));
});
`;

async function limitedApi(globalPerSecond: number) {
  const worker = new Worker(LIMITED_API, { eval: true, workerData: { globalPerSecond } });
  const next = <T>(key: string) => new Promise<T>((ok) => {
    const on = (m: Record<string, unknown>) => {
      if (key in m) {
        worker.off("message", on);
        ok(m[key] as T);
      }
    };
    worker.on("message", on);
  });
  const port = await next<number>("port");
  return {
    url: `http://127.0.0.1:${port}/api/`,
    stats: async () => {
      const stats = next<{ posts: number; limited: number }>("stats");
      worker.postMessage("stats");
      return stats;
    },
    close: async () => {
      const closed = next<boolean>("closed");
      worker.postMessage("close");
      await closed;
      await worker.terminate();
    },
  };
}

export async function benchDigest(opts: { channels: number; globalPerSecond: number }): Promise<DigestResult> {
  const api = await limitedApi(opts.globalPerSecond);
  const dir = mkdtempSync(join(tmpdir(), "aistack-bench-digest-"));
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-bench-token",
    SLACK_SIGNING_SECRET: "bench-secret-bench-secret",
    SLACK_API_URL: api.url,
    DATA_DIR: dir,
    LOG_LEVEL: "silent",
    DIGEST_GLOBAL_RATE: String(opts.globalPerSecond),
  });
  const storage = new SqliteStorage(join(dir, "aistack.db"));
  // As main wires it: the core behind the answer cache.
  const core = withAnswerCache(createCore(loadKnowledgeBase(resolve("data")).kb));
  const deps: AppDeps = { config, core: () => core, storage, logger: silentLogger(), clock: () => new Date() };
  try {
    // Every subscription is due at the current minute (UTC), created at that minute: one tick delivers them all.
    const now = new Date();
    const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const time = minute.toISOString().slice(11, 16);
    for (let i = 0; i < opts.channels; i++) {
      await storage.saveDigestSubscription({ platform: "slack", workspace: "T1", channel: `C${String(i).padStart(5, "0")}` }, { time, tz: "UTC", days: "daily", topics: [] }, "bench", minute, "bench");
    }
    const scheduler = new DigestScheduler(deps, [createSlackPoster(config)], { instanceId: "bench" });
    const t0 = performance.now();
    const report = await scheduler.tick();
    const seconds = (performance.now() - t0) / 1000;
    await scheduler.stop();
    const lower = Math.max(0, (opts.channels - Math.floor(opts.globalPerSecond)) / opts.globalPerSecond);
    return {
      channels: opts.channels,
      seconds: round(seconds, 2),
      lower_bound_seconds: round(lower, 2),
      global_per_second: opts.globalPerSecond,
      per_channel_per_second: 1,
      delivered: report.posted.length,
      failed: report.failed.length + report.missed.length + report.skipped.length,
      status_429: (await api.stats()).limited,
      ratio: lower > 0 ? round(seconds / lower, 3) : null,
    };
  } finally {
    await storage.close();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
