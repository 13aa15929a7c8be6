// Slack throughput: correctly signed `/aistack <question>` slash commands sent to the real adapter (Bolt's HTTP
// receiver with the timestamp guard, the request pipeline with rate limits on SQLite, the real core on data/ behind
// the answer cache, Block Kit rendering) on 127.0.0.1, with the Web API pointed at a local fake. Baseline: a bare
// Bolt app configured as the real one (same receiver type, no conversation store) that acks every command with a
// fixed text, measured in the same run.
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { startSlack } from "../src/adapters/slack/index.js";
import type { AppDeps } from "../src/app/deps.js";
import { loadConfig } from "../src/config.js";
import { createCore } from "../src/core/index.js";
import { withAnswerCache } from "../src/app/answer-cache.js";
import { loadKnowledgeBase } from "../src/kb/loader.js";
import { silentLogger } from "../src/log.js";
import { SqliteStorage } from "../src/storage/sqlite/store.js";
import { FakeSlackApi } from "../tests/helpers/slack-fake-api.js";
import { signedHeaders, slashCommandBody, TEST_SIGNING_SECRET } from "../tests/helpers/slack-signing.js";
import { round } from "./measure.js";

export interface SlackResult {
  requests: number;
  concurrency: number;
  rps: number;
  baseline_rps: number;
  /** non-200 responses or replies without text (both apps) */
  errors: number;
  p50_ms: number;
  p99_ms: number;
}

const QUESTIONS = [
  "how much did Amazon invest in Anthropic?",
  "when was Trainium announced?",
  "timeline trainium",
  "about anthropic",
  "who leads AWS?",
  "what is Bedrock",
  "compare trainium tpu",
  "when did AWS launch SageMaker?",
];

/** Sends `n` signed slash commands with `concurrency` in flight; returns req/s and per-request ms. */
async function load(url: string, n: number, concurrency: number, responseUrl: (i: number) => string): Promise<{ rps: number; ms: number[]; errors: number }> {
  let next = 0;
  let errors = 0;
  const ms: number[] = [];
  const worker = async () => {
    for (let i = next++; i < n; i = next++) {
      // many users and channels, as in a real workspace (the per-user limit is the app's, not the bench's)
      const body = slashCommandBody({ text: QUESTIONS[i % QUESTIONS.length]!, user: `U${i % 97}`, channel: `C${i % 31}`, responseUrl: responseUrl(i) });
      const t = performance.now();
      const res = await fetch(url, { method: "POST", headers: signedHeaders(body, "application/x-www-form-urlencoded"), body });
      const text = await res.text();
      ms.push(performance.now() - t);
      if (res.status !== 200 || !text.includes("text")) errors++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { rps: n / ((performance.now() - t0) / 1000), ms, errors };
}

/** Alternating measured rounds of each app (best kept). */
const ROUNDS = 5;

export async function benchSlack(opts: { requests: number; concurrency: number }): Promise<SlackResult> {
  const fake = await new FakeSlackApi().start();
  const dir = mkdtempSync(join(tmpdir(), "aistack-bench-slack-"));
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-bench-token",
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    DATA_DIR: dir,
    LOG_LEVEL: "silent",
    RATE_USER_PER_MINUTE: "10000",
    RATE_CHANNEL_PER_MINUTE: "10000",
  });
  const storage = new SqliteStorage(join(dir, "aistack.db"));
  // As main wires it: the core behind the answer cache.
  const core = withAnswerCache(createCore(loadKnowledgeBase(resolve("data")).kb));
  const deps: AppDeps = { config, core: () => core, storage, logger: silentLogger(), clock: () => new Date() };
  const real = await startSlack(deps, { botUserId: fake.bot.userId, botId: fake.bot.botId, port: 0, host: "127.0.0.1" });

  const receiver = new HTTPReceiver({ signingSecret: TEST_SIGNING_SECRET, endpoints: ["/slack/events"], processBeforeResponse: false, logLevel: LogLevel.ERROR });
  // Configured as the real app is: no conversation store, bot identity given (no auth.test), same client options.
  const bare = new App({ receiver, token: "xoxb-bench-token", botId: fake.bot.botId, botUserId: fake.bot.userId, logLevel: LogLevel.ERROR, convoStore: false, clientOptions: { slackApiUrl: fake.apiUrl } });
  bare.command("/aistack", async ({ ack }) => {
    await ack({ response_type: "ephemeral", text: "A fixed answer." });
  });
  const server = (await bare.start({ port: 0, host: "127.0.0.1" })) as Server;
  const bareUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  const realUrl = `http://127.0.0.1:${real.port}/slack/events`;

  try {
    const respond = (i: number) => fake.responseUrl(`r${i}`);
    // Warm both (JIT, SQLite pages, keep-alive sockets), then measure each five times, alternating, and keep the
    // best run of each: the machine is shared, and alternating spreads any noise over both.
    await load(realUrl, 100, opts.concurrency, respond);
    await load(bareUrl, 100, opts.concurrency, respond);
    const runs = { real: [] as Awaited<ReturnType<typeof load>>[], bare: [] as Awaited<ReturnType<typeof load>>[] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.real.push(await load(realUrl, opts.requests, opts.concurrency, respond));
      runs.bare.push(await load(bareUrl, opts.requests, opts.concurrency, respond));
    }
    await real.slack.idle();
    const best = (xs: Awaited<ReturnType<typeof load>>[]) => xs.reduce((a, b) => (b.rps > a.rps ? b : a));
    const r = best(runs.real);
    const b = best(runs.bare);
    const sorted = [...r.ms].sort((x, y) => x - y);
    return {
      requests: opts.requests,
      concurrency: opts.concurrency,
      rps: Math.round(r.rps),
      baseline_rps: Math.round(b.rps),
      errors: runs.real.reduce((s, x) => s + x.errors, 0) + runs.bare.reduce((s, x) => s + x.errors, 0),
      p50_ms: round(sorted[Math.floor(sorted.length * 0.5)] ?? NaN, 2),
      p99_ms: round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? NaN, 2),
    };
  } finally {
    await real.stop();
    await bare.stop();
    await storage.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
