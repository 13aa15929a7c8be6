// ChannelPoster for Discord: the digest posts channel messages over REST, and every failure becomes an outcome
// the scheduler can act on. Its REST client never waits on a rate limit itself (the scheduler paces and retries).
import { DiscordAPIError, HTTPError, RateLimitError, Routes, type REST } from "discord.js";
import type { PostOutcome, ChannelPoster } from "../../app/poster.js";
import type { Answer } from "../../core/answer.js";
import type { ChannelKey } from "../../storage/types.js";
import { createDiscordRest, type DiscordConfig } from "./client.js";
import { renderAnswer } from "./render.js";

/** Unknown Channel, Missing Access, Missing Permissions, Unknown Guild: the channel is gone or closed to the bot. */
export const DEAD_CHANNEL_CODES = new Set([10003, 50001, 50013, 10004]);

export function classifyDiscordError(err: unknown): PostOutcome & { ok: false } {
  if (err instanceof RateLimitError) {
    return { ok: false, kind: "rate_limited", retryAfterMs: Math.max(0, Math.ceil(err.retryAfter)), detail: `rate limited on ${err.route}${err.global ? " (global)" : ""}` };
  }
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === "number" ? err.code : Number(err.code);
    const detail = `${err.status} ${code}: ${err.message.slice(0, 200)}`;
    if (DEAD_CHANNEL_CODES.has(code) || err.status === 404) return { ok: false, kind: "dead_channel", detail };
    if (err.status >= 500) return { ok: false, kind: "transient", detail };
    return { ok: false, kind: "permanent", detail };
  }
  if (err instanceof HTTPError) {
    return err.status >= 500 || err.status === 408 ? { ok: false, kind: "transient", detail: `${err.status} ${err.message.slice(0, 200)}` } : { ok: false, kind: "permanent", detail: `${err.status} ${err.message.slice(0, 200)}` };
  }
  // fetch failures, resets, aborts (timeouts)
  return { ok: false, kind: "transient", detail: err instanceof Error ? `${err.name}: ${err.message.slice(0, 200)}` : String(err).slice(0, 200) };
}

export class DiscordPoster implements ChannelPoster {
  readonly platform = "discord" as const;
  constructor(private readonly rest: REST) {}

  async post(key: ChannelKey, answer: Answer): Promise<PostOutcome> {
    const msg = renderAnswer(answer);
    try {
      const res = (await this.rest.post(Routes.channelMessages(key.channel), {
        body: { content: msg.content, embeds: msg.embeds, components: msg.components, allowed_mentions: msg.allowed_mentions },
      })) as { id?: string };
      return { ok: true, messageId: res?.id };
    } catch (err) {
      return classifyDiscordError(err);
    }
  }
}

/** A poster with its own REST client: 429 rejects with the server's Retry-After instead of sleeping, no automatic 5xx retries. */
export function createDiscordPoster(config: Pick<DiscordConfig, "DISCORD_TOKEN" | "DISCORD_API_URL">, timeoutMs = 15_000): DiscordPoster {
  return new DiscordPoster(createDiscordRest(config, { rejectOnRateLimit: () => true, retries: 0, offset: 0, timeout: timeoutMs }));
}
