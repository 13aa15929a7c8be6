// Builds the Bolt app from AppDeps: HTTP receiver (Bolt's /slack/events, with the timestamp guard in front)
// or Socket Mode when SLACK_APP_TOKEN is set; /healthz and /readyz as custom routes in both modes; the
// listeners; event dedupe; one error handler; and in-flight tracking so stop() can finish replies. With stored
// installations (several workspaces), the HTTP receiver also serves Bolt's OAuth install flow, and Bolt's authorize
// gives each request its workspace's token.
import type { AddressInfo } from "node:net";
import type { Server, ServerResponse } from "node:http";
import { App, ErrorCode, HTTPReceiver, SocketModeReceiver, type BlockAction, type ButtonAction, type CustomRoute } from "@slack/bolt";
import { OAUTH_REDIRECT_PATH } from "../../config.js";
import type { AppDeps } from "../../app/deps.js";
import { createPipeline, type Pipeline } from "../../app/pipeline.js";
import { readiness, type ReadinessCheck } from "../../app/health.js";
import { boltLogger } from "./bolt-logger.js";
import type { SlackRuntime } from "./context.js";
import { replyOnFailure } from "./failure.js";
import { SLASH_COMMAND } from "./home.js";
import { ANSWER_BUTTON_IDS, answerButtonsListener } from "./listeners/actions.js";
import { slashCommandListener } from "./listeners/command.js";
import { appHomeListener } from "./listeners/home.js";
import { appMentionListener, messageListener } from "./listeners/events.js";
import { guardTimestamps } from "./timestamp-guard.js";
import { appUninstalledListener, tokensRevokedListener } from "./listeners/uninstall.js";
import type { StoredInstallations } from "./oauth/installations.js";
import { BOT_SCOPES } from "./scopes.js";
import { ReplySender } from "./reply-sender.js";
import { timedFetch } from "../../app/timed-fetch.js";
import { guardBodies, HTTP_LIMITS, serverTimeouts } from "../../app/http-guard.js";

export const EVENTS_PATH = "/slack/events";
/** Several workspaces: the "Add to Slack" page (the redirect back is config's OAUTH_REDIRECT_PATH). */
export const INSTALL_PATH = "/slack/install";

export interface SlackAppOptions {
  /** the bot's user id (U…) and bot id (B…), from auth.test; passing them avoids Bolt's own auth.test call (one workspace) */
  botUserId?: string;
  botId?: string;
  /** several workspaces: installations stored through the OAuth flow (HTTP mode only); each request uses its workspace's */
  installations?: StoredInstallations;
  /** more HTTP routes on the same server (POST /discord/interactions) */
  routes?: CustomRoute[];
  /** Socket Mode instead of HTTP; default: when SLACK_APP_TOKEN is set */
  socketMode?: boolean;
  /** listen port and address (default config.PORT and config.HOST, all interfaces when HOST is unset); tests use 0 and 127.0.0.1 */
  port?: number;
  host?: string;
  /** the request pipeline (main shares one between adapters); default: a new one over deps */
  pipeline?: Pipeline;
  /** more readiness checks for /readyz (other adapters in this process) */
  extraChecks?: Record<string, ReadinessCheck>;
}

export interface SlackApp {
  app: App;
  mode: "http" | "socket";
  start(): Promise<{ port?: number }>;
  stop(): Promise<void>;
  /** every readiness check, by name */
  checks(): Promise<Record<string, boolean>>;
  ready(): Promise<boolean>;
  /** resolves when no event is being processed and every timeline picture that follows a reply is sent or given up */
  idle(): Promise<void>;
}

export function buildSlackApp(deps: AppDeps, opts: SlackAppOptions): SlackApp {
  const { config, logger } = deps;
  const oauth = opts.installations;
  const token = oauth ? undefined : config.SLACK_BOT_TOKEN;
  const signingSecret = config.SLACK_SIGNING_SECRET;
  if ((!oauth && !token) || !signingSecret) throw new Error("buildSlackApp needs SLACK_BOT_TOKEN (or stored installations) and SLACK_SIGNING_SECRET (checked by loadConfig)");
  const socketMode = !oauth && (opts.socketMode ?? Boolean(config.SLACK_APP_TOKEN));
  const log = boltLogger(logger);

  let started = false;
  let connected = false;
  // The process's readiness: Slack's own checks plus any the caller adds (e.g. Discord's connection), so one
  // /readyz answers for everything running in this process.
  const allChecks: Record<string, ReadinessCheck> = {
    kb: () => kbLoaded(deps),
    storage: () => deps.storage.healthy(),
    slack: () => started && (!socketMode || connected),
    ...opts.extraChecks,
  };
  const checks = async () => (await readiness(allChecks)).checks;
  const customRoutes: CustomRoute[] = [
    { path: "/healthz", method: "GET", handler: (_req, res) => sendJson(res, 200, { status: "ok" }) },
    {
      path: "/readyz",
      method: "GET",
      handler: (_req, res) => {
        void readiness(allChecks).then((r) => sendJson(res, r.ready ? 200 : 503, { status: r.ready ? "ready" : "not ready", checks: r.checks }));
      },
    },
    ...(opts.routes ?? []),
  ];

  let receiver: HTTPReceiver | SocketModeReceiver;
  if (socketMode) {
    if (!config.SLACK_APP_TOKEN) throw new Error("Socket Mode needs SLACK_APP_TOKEN");
    const sm = new SocketModeReceiver({
      appToken: config.SLACK_APP_TOKEN,
      logger: log,
      customRoutes,
      // the receiver serves customRoutes on this port; clientOptions reach apps.connections.open
      installerOptions: { port: opts.port ?? config.PORT, clientOptions: clientOptions(config) },
    });
    sm.client.on("connected", () => {
      connected = true;
      logger.info("slack socket mode connected");
    });
    sm.client.on("disconnected", () => {
      connected = false;
    });
    sm.client.on("reconnecting", () => {
      connected = false;
      logger.warn("slack socket mode reconnecting");
    });
    receiver = sm;
  } else {
    const http = new HTTPReceiver({ signingSecret, endpoints: [EVENTS_PATH], customRoutes, logger: log, processBeforeResponse: false, bodyLimit: HTTP_LIMITS.maxBodyBytes, ...(oauth ? oauthOptions(config, oauth) : {}) });
    // Runs before Bolt's signature check: Bolt refuses old timestamps, not future ones.
    http.requestListener = guardTimestamps(http.requestListener, { endpoints: [EVENTS_PATH], logger });
    // Outermost: bodies capped and shape-checked before the timestamp guard, the signature check or Bolt see them.
    http.requestListener = guardBodies(http.requestListener, { paths: [EVENTS_PATH], logger });
    receiver = http;
  }

  const app = new App({
    receiver,
    ...(token ? { token, botId: opts.botId, botUserId: opts.botUserId } : {}),
    logger: log,
    convoStore: false,
    clientOptions: clientOptions(config),
  });

  // In-flight tracking: every delivery the receiver hands over, until its listeners are done.
  const inflight = new Set<Promise<unknown>>();
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => {
    if (inflight.size >= MAX_INFLIGHT_EVENTS) {
      // Load shedding keeps memory bounded: the delivery is acknowledged (so Slack does not retry it into the
      // same overload) and dropped; a slash command gets a short ephemeral notice instead of an answer.
      const isCommand = typeof (event.body as { command?: unknown }).command === "string";
      logger.warn({ platform: "slack", inflight: inflight.size, command: isCommand }, "overloaded; delivery shed");
      return event.ack(isCommand ? { response_type: "ephemeral", text: BUSY_TEXT } : undefined);
    }
    const p = processEvent(event);
    inflight.add(p);
    const done = () => inflight.delete(p);
    p.then(done, done);
    return p;
  };
  const rt: SlackRuntime = {
    deps, pipeline: opts.pipeline ?? createPipeline(deps), ...(opts.botUserId ? { botUserId: opts.botUserId } : {}), ...(opts.botId ? { botId: opts.botId } : {}),
    replies: new ReplySender(logger, config.PLATFORM_TIMEOUT_MS ?? SLACK_CALL_TIMEOUT_MS),
  };
  // the pictures that follow replies are part of the work in flight: a stop waits for them too
  const idle = async () => {
    while (inflight.size) await Promise.allSettled([...inflight]);
    await rt.pipeline.idle();
  };

  app.use(replyOnFailure);
  app.command(SLASH_COMMAND, slashCommandListener(rt));
  app.event("app_mention", appMentionListener(rt));
  app.event("message", messageListener(rt));
  app.event("app_home_opened", appHomeListener(rt));
  app.action<BlockAction<ButtonAction>>(ANSWER_BUTTON_IDS, answerButtonsListener(rt));
  if (oauth) {
    app.event("app_uninstalled", appUninstalledListener(oauth));
    app.event("tokens_revoked", tokensRevokedListener(oauth));
  }
  // The one error handler: codes and ids only (an error's message can quote a payload).
  app.error(async (error) => {
    if (error.code === ErrorCode.AuthorizationError) {
      // several workspaces: a workspace with no installation (removed, or never installed) is acknowledged and gets nothing
      logger.warn({ code: error.code }, "slack request from a workspace with no installation: acknowledged, nothing posted");
      return;
    }
    const data = (error as { data?: { error?: string } }).data;
    logger.error({ code: error.code, slackError: data?.error, name: error.name }, "slack listener failed");
  });

  return {
    app,
    mode: socketMode ? "socket" : "http",
    async start() {
      if (socketMode) {
        await app.start();
        started = true;
        return {};
      }
      const host = opts.host ?? config.HOST;
      const server = (await app.start({ port: opts.port ?? config.PORT, ...(host ? { host } : {}) }, serverTimeouts())) as Server;
      server.keepAliveTimeout = HTTP_LIMITS.keepAliveTimeoutMs;
      started = true;
      const port = (server.address() as AddressInfo | null)?.port;
      logger.info({ mode: "http", port, path: EVENTS_PATH, ...(oauth ? { install: INSTALL_PATH, redirect: OAUTH_REDIRECT_PATH } : {}) }, "slack adapter listening");
      return { port };
    },
    async stop() {
      if (!started) return;
      started = false;
      await app.stop();
      await idle();
    },
    checks,
    ready: async () => (await readiness(allChecks)).ready,
    idle,
  };
}

/**
 * Every Web API call from a listener (replies, ephemeral notices, users.info, views.publish) is bounded: 10 s per
 * attempt, at most 2 retries (a 429 waits its Retry-After and counts as one), instead of the WebClient's default of
 * ten retries over about thirty minutes, so a slow or failing Slack can never pile up work.
 */
export const SLACK_CALL_TIMEOUT_MS = 10_000; // default of PLATFORM_TIMEOUT_MS
export const SLACK_CALL_RETRIES = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 5_000 };

/** Events being processed at once; beyond this, deliveries are acked and shed (slash commands get a busy notice). */
export const MAX_INFLIGHT_EVENTS = 256;
export const BUSY_TEXT = "aistack is very busy right now. Please try again in a minute.";

/**
 * Bolt's OAuth flow on the HTTP receiver: /slack/install renders the "Add to Slack" page (its link carries the bot
 * scopes and a state signed with SLACK_STATE_SECRET, also set as a cookie), /slack/oauth_redirect checks both,
 * exchanges the code (oauth.v2.access) and stores the installation. The state is signed, not remembered, so any
 * instance can finish an install another one started.
 */
function oauthOptions(config: AppDeps["config"], installations: StoredInstallations) {
  return {
    clientId: config.SLACK_CLIENT_ID,
    clientSecret: config.SLACK_CLIENT_SECRET,
    stateSecret: config.SLACK_STATE_SECRET,
    installationStore: installations,
    scopes: [...BOT_SCOPES],
    ...(config.SLACK_REDIRECT_URL ? { redirectUri: config.SLACK_REDIRECT_URL } : {}),
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: OAUTH_REDIRECT_PATH,
      directInstall: false,
      // oauth.v2.access and the auth.test after it go where every other Web API call goes
      clientOptions: clientOptions(config),
    },
  };
}

const clientOptions = (config: AppDeps["config"]) => ({
  ...(config.SLACK_API_URL ? { slackApiUrl: ensureSlash(config.SLACK_API_URL) } : {}),
  timeout: config.PLATFORM_TIMEOUT_MS ?? SLACK_CALL_TIMEOUT_MS,
  retryConfig: SLACK_CALL_RETRIES,
  // Bolt's respond() (response_url: Share, votes, Show more) uses this fetch, with no deadline of its own
  fetch: timedFetch(config.PLATFORM_TIMEOUT_MS ?? SLACK_CALL_TIMEOUT_MS),
});

function kbLoaded(deps: AppDeps): boolean {
  try {
    const kb = deps.core().kb;
    return kb.facts.length > 0 && kb.entities.length > 0;
  } catch {
    return false;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** WebClient appends method names to slackApiUrl, so it must end with "/". */
export const ensureSlash = (url: string) => (url.endsWith("/") ? url : url + "/");
