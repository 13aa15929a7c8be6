// The Slack adapter's entry point: main calls startSlack(deps) when Slack is configured. One workspace
// (SLACK_BOT_TOKEN): it asks Slack who the bot is (auth.test, with a clear error for a bad token), builds the Bolt
// app and starts it (Socket Mode when SLACK_APP_TOKEN is set, else HTTP on PORT). Several workspaces (OAuth): it
// checks SLACK_TOKEN_KEY against the stored installations, then serves the install flow in HTTP mode, and every
// request and digest post uses the token of its workspace.
import { webApi } from "@slack/bolt";
import type { AppDeps, RunningAdapter } from "../../app/deps.js";
import { decodeTokenKey, slackEnabled, slackMode } from "../../config.js";
import { ConfigError, PlatformError } from "../../errors.js";
import { buildSlackApp, ensureSlash, type SlackApp, type SlackAppOptions } from "./app.js";
import { postClient, SlackPoster } from "./poster.js";
import type { ChannelPoster } from "../../app/poster.js";
import { StoredInstallations } from "./oauth/installations.js";
import { WorkspacePoster } from "./oauth/poster.js";
import { TokenSeal } from "./oauth/token-seal.js";

export { buildSlackApp, type SlackApp, type SlackAppOptions } from "./app.js";
export { renderAnswer, type SlackMessage } from "./render.js";
export { SlackPoster, classifySlackError } from "./poster.js";

export interface RunningSlack extends RunningAdapter {
  /** the bound HTTP port (HTTP mode) */
  port?: number;
  /** posts digests through the same renderer (several workspaces: with each subscription's workspace token) */
  poster: ChannelPoster;
  slack: SlackApp;
}

/** A ChannelPoster for Slack (the digest scheduler uses it; no Bolt app needed). */
export function createSlackPoster(config: AppDeps["config"], logger?: AppDeps["logger"]): SlackPoster {
  if (!config.SLACK_BOT_TOKEN) throw new ConfigError([{ name: "SLACK_BOT_TOKEN", reason: "required to post to Slack" }]);
  return new SlackPoster(postClient(config.SLACK_BOT_TOKEN, config.SLACK_API_URL ? ensureSlash(config.SLACK_API_URL) : undefined, logger, config.PLATFORM_TIMEOUT_MS));
}

/** Who the bot is, from auth.test. A bad token fails here with its Slack error code, never the token. */
export async function identifyBot(config: AppDeps["config"]): Promise<{ botUserId: string; botId?: string; teamId?: string }> {
  const client = new webApi.WebClient(config.SLACK_BOT_TOKEN, {
    ...(config.SLACK_API_URL ? { slackApiUrl: ensureSlash(config.SLACK_API_URL) } : {}),
    retryConfig: { retries: 2 },
    timeout: 10_000,
  });
  try {
    const r = await client.auth.test();
    if (!r.user_id) throw new PlatformError("slack_auth_failed", "Slack auth.test returned no bot user id", "slack");
    return { botUserId: r.user_id, ...(r.bot_id ? { botId: r.bot_id } : {}), ...(r.team_id ? { teamId: r.team_id } : {}) };
  } catch (err) {
    if (err instanceof PlatformError) throw err;
    const code = err instanceof webApi.WebAPIPlatformError ? String(err.data.error) : (err as { code?: string }).code ?? "request_failed";
    throw new PlatformError("slack_auth_failed", `Slack refused SLACK_BOT_TOKEN or could not be reached (auth.test: ${code})`, "slack");
  }
}

export async function startSlack(deps: AppDeps, options: Partial<SlackAppOptions> = {}): Promise<RunningSlack> {
  if (!slackEnabled(deps.config)) {
    throw new ConfigError([{ name: "SLACK_BOT_TOKEN", reason: "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are required to start Slack" }]);
  }
  if (slackMode(deps.config) === "oauth") return startSlackOAuth(deps, options);
  const who = options.botUserId ? { botUserId: options.botUserId, ...(options.botId ? { botId: options.botId } : {}) } : await identifyBot(deps.config);
  const slack = buildSlackApp(deps, { ...options, ...who });
  const { port } = await slack.start();
  deps.logger.info({ mode: slack.mode, botUserId: who.botUserId }, "slack adapter started");
  return {
    name: "slack",
    ...(port !== undefined ? { port } : {}),
    poster: createSlackPoster(deps.config, deps.logger),
    slack,
    ready: () => slack.ready(),
    stop: () => slack.stop(),
  };
}

/** The installation store of several-workspace mode; refuses a SLACK_TOKEN_KEY that did not seal the stored installations. */
export async function openInstallations(deps: AppDeps): Promise<StoredInstallations> {
  const key = deps.config.SLACK_TOKEN_KEY ? decodeTokenKey(deps.config.SLACK_TOKEN_KEY) : undefined;
  if (!key) throw new ConfigError([{ name: "SLACK_TOKEN_KEY", reason: "required for several workspaces: 32 random bytes as 64 hex characters or base64" }]);
  const installations = new StoredInstallations(deps.storage, new TokenSeal(key), deps.logger, deps.clock);
  await installations.checkKey();
  return installations;
}

async function startSlackOAuth(deps: AppDeps, options: Partial<SlackAppOptions>): Promise<RunningSlack> {
  const installations = options.installations ?? (await openInstallations(deps));
  const slack = buildSlackApp(deps, { ...options, installations, socketMode: false });
  const { port } = await slack.start();
  deps.logger.info({ mode: slack.mode, workspaces: "oauth" }, "slack adapter started (several workspaces)");
  const { config, logger } = deps;
  const apiUrl = config.SLACK_API_URL ? ensureSlash(config.SLACK_API_URL) : undefined;
  return {
    name: "slack",
    ...(port !== undefined ? { port } : {}),
    poster: new WorkspacePoster(installations, { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), logger, timeoutMs: config.PLATFORM_TIMEOUT_MS }),
    slack,
    ready: () => slack.ready(),
    stop: () => slack.stop(),
  };
}
