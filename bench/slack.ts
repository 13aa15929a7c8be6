// Slack throughput: correctly signed `/aistack <question>` slash commands sent to the real adapter (Bolt's HTTP
// receiver with the timestamp guard, the request pipeline with rate limits on SQLite, the real core on data/ behind
// the answer cache, Block Kit rendering, a log line per request) on 127.0.0.1, with the Web API pointed at a local
// fake. Baseline: a bare Bolt app configured as the real one (same receiver type, no conversation store) that acks
// every command with the reply the real app gives it, measured in the same run in alternating bursts.
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { devNull, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { pino } from "pino";
import { startSlack } from "../src/adapters/slack/index.js";
import type { AppDeps } from "../src/app/deps.js";
import { loadConfig } from "../src/config.js";
import { createCore } from "../src/core/index.js";
import { withAnswerCache } from "../src/app/answer-cache.js";
import { loadKnowledgeBase } from "../src/kb/loader.js";
import { createLogger } from "../src/log.js";
import { SqliteStorage } from "../src/storage/sqlite/store.js";
import { FakeSlackApi } from "../tests/helpers/slack-fake-api.js";
import { signedHeaders, slashCommandBody, TEST_SIGNING_SECRET } from "../tests/helpers/slack-signing.js";
import { percentile, round } from "./measure.js";

export interface SlackResult {
  /** requests per burst; each round sends `blocks` bursts to each app */
  requests: number;
  blocks: number;
  concurrency: number;
  rounds: number;
  /** the real adapter's req/s in a round (its requests over the seconds its bursts took), median over the rounds */
  rps: number;
  /** the bare Bolt app's median req/s over the same rounds */
  baseline_rps: number;
  /** median of the per-round ratios real ÷ bare (each round measures both, in alternating bursts) */
  ratio: number;
  /** every round's ratio, in order */
  ratios: number[];
  /** process CPU time (all threads: the rate-limit worker too) per request, median over rounds: less sensitive than req/s to other processes' load */
  cpu_us_per_request: number;
  baseline_cpu_us_per_request: number;
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

/** One burst of requests to one app. */
type Block = { n: number; seconds: number; cpuUs: number; ms: number[]; errors: number };

/** Sends `n` signed slash commands with `concurrency` in flight; returns the seconds, process CPU µs and per-request ms they took. */
async function load(url: string, n: number, concurrency: number, responseUrl: (i: number) => string): Promise<Block> {
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
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu);
  return { n, seconds, cpuUs: used.user + used.system, ms, errors };
}

/**
 * Measured rounds. A round sends BLOCKS_PER_ROUND short bursts to each app, alternating (real, bare, bare, real, …),
 * so load from other processes on this shared machine, which comes and goes within seconds, lands on both apps
 * alike; a round's ratio is the real app's requests per second over the bare app's, each from the sum of its bursts.
 * The median of the rounds' ratios drops a round that a long burst of load split unevenly.
 */
export const SLACK_ROUNDS = 5;
export const BLOCKS_PER_ROUND = 10;
export const SLACK_REQUESTS_PER_BLOCK = 100;
/** Untimed bursts to each app first: JIT, SQLite pages, keep-alive sockets, the answer cache. */
const WARM_UP_BLOCKS = 3;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function benchSlack(opts: { requests: number; concurrency: number; rounds?: number }): Promise<SlackResult> {
  const rounds = opts.rounds ?? SLACK_ROUNDS;
  const fake = await new FakeSlackApi().start();
  const dir = mkdtempSync(join(tmpdir(), "aistack-bench-slack-"));
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-bench-token",
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    DATA_DIR: dir,
    RATE_USER_PER_MINUTE: "10000",
    RATE_CHANNEL_PER_MINUTE: "10000",
  });
  const storage = new SqliteStorage(join(dir, "aistack.db"));
  // As main wires it: the core behind the answer cache, and a logger at the default level (info: one line per
  // request), written asynchronously as in production (sonic-boom), to /dev/null instead of stderr.
  const core = withAnswerCache(createCore(loadKnowledgeBase(resolve("data")).kb));
  const logLines = pino.destination({ dest: devNull, sync: false });
  const logger = createLogger(config.LOG_LEVEL, logLines);
  const deps: AppDeps = { config, core: () => core, storage, logger, clock: () => new Date() };
  const real = await startSlack(deps, { botUserId: fake.bot.userId, botId: fake.bot.botId, port: 0, host: "127.0.0.1" });

  const receiver = new HTTPReceiver({ signingSecret: TEST_SIGNING_SECRET, endpoints: ["/slack/events"], processBeforeResponse: false, logLevel: LogLevel.ERROR });
  // Configured as the real app is: no conversation store, bot identity given (no auth.test), same client options.
  // Its one listener does the least a slash command needs to give the same reply: it acks with the message the real
  // app answers that question with (captured from the real app before the run), so both send the same bytes and
  // the ratio measures what the adapter adds (guards, pipeline, rate limits, core, rendering, logging).
  const replies = new Map<string, object>();
  const bare = new App({ receiver, token: "xoxb-bench-token", botId: fake.bot.botId, botUserId: fake.bot.userId, logLevel: LogLevel.ERROR, convoStore: false, clientOptions: { slackApiUrl: fake.apiUrl } });
  bare.command("/aistack", async ({ command, ack }) => {
    await ack(replies.get(command.text) ?? { response_type: "ephemeral", text: "A fixed answer." });
  });
  const server = (await bare.start({ port: 0, host: "127.0.0.1" })) as Server;
  const bareUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  const realUrl = `http://127.0.0.1:${real.port}/slack/events`;

  try {
    const respond = (i: number) => fake.responseUrl(`r${i}`);
    for (const [i, text] of QUESTIONS.entries()) {
      const body = slashCommandBody({ text, user: "U0", channel: "C0", responseUrl: respond(i) });
      const res = await fetch(realUrl, { method: "POST", headers: signedHeaders(body, "application/x-www-form-urlencoded"), body });
      replies.set(text, (await res.json()) as object);
    }
    for (let b = 0; b < WARM_UP_BLOCKS; b++) {
      await load(realUrl, opts.requests, opts.concurrency, respond);
      await load(bareUrl, opts.requests, opts.concurrency, respond);
    }
    type Side = "real" | "bare";
    const rows: { real: Block[]; bare: Block[] }[] = [];
    for (let r = 0; r < rounds; r++) {
      const row = { real: [] as Block[], bare: [] as Block[] };
      for (let b = 0; b < BLOCKS_PER_ROUND; b++) {
        const order: Side[] = b % 2 ? ["bare", "real"] : ["real", "bare"];
        for (const side of order) row[side].push(await load(side === "real" ? realUrl : bareUrl, opts.requests, opts.concurrency, respond));
      }
      rows.push(row);
    }
    await real.slack.idle();
    const sum = (xs: Block[], f: (b: Block) => number) => xs.reduce((s, b) => s + f(b), 0);
    const rps = (xs: Block[]) => sum(xs, (b) => b.n) / sum(xs, (b) => b.seconds);
    const cpuUs = (xs: Block[]) => sum(xs, (b) => b.cpuUs) / sum(xs, (b) => b.n);
    const ratios = rows.map((row) => round(rps(row.real) / rps(row.bare), 3));
    const all = { real: rows.flatMap((row) => row.real), bare: rows.flatMap((row) => row.bare) };
    const sorted = all.real.flatMap((x) => x.ms).sort((x, y) => x - y);
    return {
      requests: opts.requests,
      blocks: BLOCKS_PER_ROUND,
      concurrency: opts.concurrency,
      rounds,
      rps: Math.round(median(rows.map((row) => rps(row.real)))),
      baseline_rps: Math.round(median(rows.map((row) => rps(row.bare)))),
      ratio: median(ratios),
      ratios,
      cpu_us_per_request: Math.round(median(rows.map((row) => cpuUs(row.real)))),
      baseline_cpu_us_per_request: Math.round(median(rows.map((row) => cpuUs(row.bare)))),
      errors: sum(all.real, (b) => b.errors) + sum(all.bare, (b) => b.errors),
      p50_ms: round(percentile(sorted, 50), 2),
      p99_ms: round(percentile(sorted, 99), 2),
    };
  } finally {
    await real.stop();
    await bare.stop();
    await storage.close();
    await fake.close();
    logLines.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
