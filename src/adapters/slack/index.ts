// The Slack adapter's entry point: main calls startSlack(deps) when SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET
// are set. It asks Slack who the bot is (auth.test, with a clear error for a bad token), builds the Bolt app,
// starts it (Socket Mode when SLACK_APP_TOKEN is set, else HTTP on PORT) and returns a RunningAdapter.
import { webApi } from "@slack/bolt";
import type { AppDeps, RunningAdapter } from "../../app/deps.js";
import { slackEnabled } from "../../config.js";
import { ConfigError, PlatformError } from "../../errors.js";
import { buildSlackApp, ensureSlash, type SlackApp, type SlackAppOptions } from "./app.js";
import { postClient, SlackPoster } from "./poster.js";

export { buildSlackApp, type SlackApp, type SlackAppOptions } from "./app.js";
export { renderAnswer, type SlackMessage } from "./render.js";
export { SlackPoster, classifySlackError } from "./poster.js";

export interface RunningSlack extends RunningAdapter {
  /** the bound HTTP port (HTTP mode) */
  port?: number;
  /** posts digests through the same renderer */
  poster: SlackPoster;
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
