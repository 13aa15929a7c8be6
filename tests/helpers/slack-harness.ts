// Starts the real Slack adapter (Bolt's HTTP receiver on 127.0.0.1, ephemeral port) on the real core and
// data/, with SQLite in a temp dir and the WebClient pointed at FakeSlackApi. Requests are signed like Slack's.
// After each request the harness waits until the app has finished processing it (no sleeps, no timings).
import { afterAll, beforeAll, beforeEach } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSlack, type RunningSlack } from "../../src/adapters/slack/index.js";
import type { AppDeps } from "../../src/app/deps.js";
import { createPipeline, type Pipeline } from "../../src/app/pipeline.js";
import { loadConfig } from "../../src/config.js";
import type { Core } from "../../src/core/types.js";
import { silentLogger, type Logger } from "../../src/log.js";
import { SqliteStorage } from "../../src/storage/sqlite/store.js";
import type { Storage } from "../../src/storage/types.js";
import { openTestPostgres } from "./postgres.js";
import { FakeSlackApi } from "./slack-fake-api.js";
import type { FakeSocketMode } from "./slack-fake-socket.js";
import { blockActionBody, eventBody, signedHeaders, slashCommandBody, TEST_SIGNING_SECRET, type SignOptions } from "./slack-signing.js";
import { shippedCore } from "./shipped-kb.js";

let sharedCore: Core | undefined;
/** The real core on the real data, loaded once per test file. */
export const realCore = (): Core => (sharedCore ??= shippedCore());

export interface HttpResult {
  status: number;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export interface HarnessOptions {
  /** Socket Mode against this fake endpoint instead of HTTP */
  socket?: FakeSocketMode;
  /** another core (default: the real core on data/) */
  core?: () => Core;
  /** the app's clock (default: real time) */
  clock?: () => Date;
  /** extra environment, e.g. small RATE_* budgets */
  env?: Record<string, string>;
  /** Postgres instead of SQLite: this database (tests/helpers/postgres.ts) */
  databaseUrl?: string;
  /** a fake Web API shared with another harness (two instances behind one Slack); its owner closes it */
  fake?: FakeSlackApi;
  /** several workspaces: OAuth credentials instead of SLACK_BOT_TOKEN (installations through /slack/install) */
  oauth?: boolean;
  /** where the app logs (default: nowhere) */
  logger?: Logger;
}

/** SLACK_TOKEN_KEY of the OAuth harness: 32 bytes, hex (a test key, never used anywhere else). */
export const TEST_TOKEN_KEY = "5f1c3a9e0b7d2468ace013579bdf02468ace013579bdf0241357ace02468bdf1";
export const TEST_STATE_SECRET = "test-state-secret-0123456789abcdef0123456789";

export class SlackHarness {
  readonly fake: FakeSlackApi;
  readonly dir = mkdtempSync(join(tmpdir(), "aistack-slack-"));
  storage!: Storage;
  adapter!: RunningSlack;
  /** the harness's own pipeline, so closing it ends its chart worker */
  pipeline?: Pipeline;
  url = "";
  private seq = 0;
  /** readiness checks passed to startSlack (other adapters in the process) */
  extraChecks?: Record<string, () => boolean>;

  constructor(private readonly opts: HarnessOptions = {}) {
    this.fake = opts.fake ?? new FakeSlackApi();
  }

  /** The SQLite backend, for tests that reach into the file (locks, read-only). */
  get sqlite(): SqliteStorage {
    if (!(this.storage instanceof SqliteStorage)) throw new Error("this harness runs on Postgres");
    return this.storage;
  }

  get dbFile(): string {
    return join(this.dir, "aistack.db");
  }

  async start(): Promise<this> {
    if (!this.fake.url) await this.fake.start();
    const credentials = this.opts.oauth
      ? { SLACK_CLIENT_ID: this.fake.oauthClient.id, SLACK_CLIENT_SECRET: this.fake.oauthClient.secret, SLACK_STATE_SECRET: TEST_STATE_SECRET, SLACK_TOKEN_KEY: TEST_TOKEN_KEY }
      : { SLACK_BOT_TOKEN: "xoxb-test-token" };
    const config = loadConfig({
      ...credentials,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: this.fake.apiUrl,
      DATA_DIR: this.dir,
      LOG_LEVEL: "silent",
      // generous budgets unless a test asks for small ones: tests send many requests a minute
      RATE_USER_PER_MINUTE: "1000",
      RATE_CHANNEL_PER_MINUTE: "1000",
      ...(this.opts.socket ? { SLACK_APP_TOKEN: "xapp-test-token" } : {}),
      ...this.opts.env,
    });
    if (this.opts.socket) this.fake.socketUrl = this.opts.socket.url;
    // the knowledge base is loaded before the adapter starts, as main does (a first request must not pay for it
    // inside Slack's 3-second ack window)
    if (!this.opts.core) realCore();
    this.storage = this.opts.databaseUrl ? await openTestPostgres(this.opts.databaseUrl) : new SqliteStorage(this.dbFile, { busyTimeoutMs: config.SQLITE_BUSY_TIMEOUT_MS });
    const deps: AppDeps = { config, core: this.opts.core ?? realCore, storage: this.storage, logger: this.opts.logger ?? silentLogger(), clock: this.opts.clock ?? (() => new Date()) };
    // botUserId/botId given: no auth.test at start, as in the platform notes.
    const who = this.opts.oauth ? {} : { botUserId: this.fake.bot.userId, botId: this.fake.bot.botId };
    this.pipeline = createPipeline(deps);
    this.adapter = await startSlack(deps, { ...who, pipeline: this.pipeline, port: 0, host: "127.0.0.1", ...(this.extraChecks ? { extraChecks: this.extraChecks } : {}) });
    this.url = `http://127.0.0.1:${this.adapter.port}`;
    return this;
  }

  /** Stops the app and closes the database, then starts a new app on the same file (a process restart). */
  async restart(): Promise<void> {
    await this.adapter.stop();
    await this.pipeline?.close();
    await this.storage.close();
    await this.start();
  }

  async close(): Promise<void> {
    await this.adapter?.stop();
    await this.pipeline?.close();
    await this.storage?.close();
    if (!this.opts.fake) await this.fake.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  async post(path: string, body: string, contentType: string, sign: SignOptions & { headers?: Record<string, string>; unsigned?: boolean } = {}): Promise<HttpResult> {
    const headers = sign.unsigned ? { "content-type": contentType } : signedHeaders(body, contentType, sign);
    const res = await fetch(this.url + path, { method: "POST", headers: { ...headers, ...sign.headers }, body });
    const text = await res.text();
    await this.adapter.slack.idle();
    return { status: res.status, text, json: <T>() => JSON.parse(text) as T };
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<HttpResult & { headers: Headers }> {
    const res = await fetch(this.url + path, { headers, redirect: "manual" });
    const text = await res.text();
    return { status: res.status, text, headers: res.headers, json: <T>() => JSON.parse(text) as T };
  }

  /** `/aistack <text>`; the reply is the HTTP response body (answered inside the ack). */
  command(text: string, opts: { user?: string; channel?: string; team?: string } = {}, sign: SignOptions = {}): Promise<HttpResult> {
    const body = slashCommandBody({ text, ...opts, responseUrl: this.fake.responseUrl(`cmd${++this.seq}`) });
    return this.post("/slack/events", body, "application/x-www-form-urlencoded", sign);
  }

  event(event: Record<string, unknown>, opts: { eventId?: string; retryNum?: number; team?: string } = {}): Promise<HttpResult> {
    const eventId = opts.eventId ?? `Ev${Date.now()}${++this.seq}`;
    const headers: Record<string, string> = opts.retryNum ? { "x-slack-retry-num": String(opts.retryNum), "x-slack-retry-reason": "http_timeout" } : {};
    return this.post("/slack/events", eventBody(event, eventId, opts.team), "application/json", { headers });
  }

  /** A button press; each gets its own trigger_id unless `triggerId` repeats one (a replay). */
  action(actionId: string, value: string, opts: { user?: string; channel?: string; team?: string; responseId?: string; triggerId?: string; ephemeral?: boolean } = {}): Promise<HttpResult> {
    const seq = ++this.seq;
    const body = blockActionBody({ actionId, value, triggerId: `${seq}.1700000000.abc${seq}`, ...opts, responseUrl: this.fake.responseUrl(opts.responseId ?? `act${seq}`) });
    return this.post("/slack/events", body, "application/x-www-form-urlencoded");
  }

  /** A fresh message ts, increasing. */
  ts(): string {
    return `${1_700_000_000 + ++this.seq}.000100`;
  }
}

/**
 * One harness for a test file: started before its tests, closed after them, its fake Web API cleared before each
 * test. Returns a stand-in that forwards to the running harness.
 */
export function useSlackHarness(): SlackHarness {
  let h: SlackHarness | undefined;
  beforeAll(async () => {
    h = await new SlackHarness().start();
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => h!.fake.clear());
  return new Proxy({} as SlackHarness, {
    get: (_target, prop) => {
      const value: unknown = Reflect.get(h!, prop);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(h) : value;
    },
  });
}
