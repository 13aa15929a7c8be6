// The discord.js Client, configured once: the fewest intents that work, nothing can ever ping, and REST
// pointed at DISCORD_API_URL when set (tests, proxies).
import { Client, GatewayIntentBits, Partials, REST, type ClientOptions } from "discord.js";
import { parseShards, type Config } from "../../config.js";
import { MAX_RETRY_AFTER_MS } from "../../app/poster.js";
import { guardInteractionPayloads } from "./payload-guard.js";
import { discordRestAgent } from "./rest-agent.js";

export type DiscordConfig = Pick<Config, "DISCORD_TOKEN" | "DISCORD_API_URL" | "DISCORD_QUICK_ANSWERS"> & Partial<Pick<Config, "PLATFORM_TIMEOUT_MS" | "DISCORD_SHARDS">>;

/**
 * Guilds (slash commands, channel and role caches for permission checks), GuildMessages (mentions),
 * DirectMessages (DMs). MessageContent is privileged: requested only when quick answers are configured,
 * because only they read ordinary channel messages (mentions and DMs carry their content without it).
 */
export function discordIntents(config: Pick<Config, "DISCORD_QUICK_ANSWERS">): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];
  if (config.DISCORD_QUICK_ANSWERS) intents.push(GatewayIntentBits.MessageContent);
  return intents;
}

/** Every REST call (replies, interaction callbacks) is bounded: 10 s per attempt, at most 2 retries on 5xx and network errors. */
export const DISCORD_CALL_TIMEOUT_MS = 10_000;
export const DISCORD_CALL_RETRIES = 2;

export const restOptions = (config: Pick<Config, "DISCORD_API_URL">) => ({
  ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
  // its own undici's dispatcher, never the process-wide one another library installed (rest-agent.ts)
  agent: discordRestAgent() as never,
});

export function clientOptions(config: DiscordConfig): ClientOptions {
  return {
    intents: discordIntents(config),
    // DM channels are not cached before their first message: without this partial, DMs never arrive.
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: false },
    // Every message the client creates carries a nonce Discord enforces: the REST client's retry of a message that
    // timed out (or was reset) after Discord created it returns that message instead of posting it twice.
    enforceNonce: true,
    rest: {
      ...restOptions(config), timeout: config.PLATFORM_TIMEOUT_MS ?? DISCORD_CALL_TIMEOUT_MS, retries: DISCORD_CALL_RETRIES,
      // Rate limits are per route (a channel's messages are their own bucket): a wait past the cap is given up and
      // reported (the request fails and is logged) instead of holding the reply for as long as Discord says.
      rejectOnRateLimit: (data) => data.retryAfter > MAX_RETRY_AFTER_MS,
    },
    // DISCORD_SHARDS: "auto" (every shard, Discord's recommended count) or this process's ids of a fixed total
    ...(config.DISCORD_SHARDS ? parseShards(config.DISCORD_SHARDS) : {}),
  };
}

/** A client that has not logged in yet. Sharding (ShardingManager) passes SHARDS/SHARD_COUNT through the environment, which the Client reads itself. */
export const createDiscordClient = (config: DiscordConfig) => guardInteractionPayloads(new Client(clientOptions(config)));

/** A bare REST client (register script, digest poster), same base URL rules as the gateway client. */
export function createDiscordRest(config: Pick<Config, "DISCORD_TOKEN" | "DISCORD_API_URL">, extra: ConstructorParameters<typeof REST>[0] = {}): REST {
  const rest = new REST({ ...restOptions(config), ...extra });
  if (config.DISCORD_TOKEN) rest.setToken(config.DISCORD_TOKEN);
  return rest;
}
