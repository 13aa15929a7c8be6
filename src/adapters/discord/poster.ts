// ChannelPoster for Discord: the digest posts channel messages over REST, and every failure becomes an outcome
// the scheduler can act on. Its REST client never waits on a rate limit itself (the scheduler paces and retries).
//
// Exactly once: each digest carries a nonce made from its channel and local date, with enforce_nonce, so a second
// post of the same digest within Discord's nonce window returns the first message instead of creating another. After
// an attempt whose outcome is unknown, findPosted reads the channel's messages since the digest was due and looks for
// one of the bot's own that is neither a reply nor an interaction response: the bot posts nothing else there unasked.
import { createHash } from "node:crypto";
import { DiscordAPIError, HTTPError, RateLimitError, Routes, SnowflakeUtil, type REST } from "discord.js";
import type { PostOutcome, ChannelPoster, DigestMark, FindOutcome } from "../../app/poster.js";
import type { Answer } from "../../core/answer.js";
import type { ChannelKey } from "../../storage/types.js";
import { createDiscordRest, type DiscordConfig } from "./client.js";
import { renderAnswer } from "./render.js";

/** Unknown Channel, Missing Access, Missing Permissions, Unknown Guild: the channel is gone or closed to the bot. */
export const DEAD_CHANNEL_CODES = new Set([10003, 50001, 50013, 10004]);
/** Connection errors raised before the request left this machine: it certainly posted nothing. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);
/** Pages of 100 messages read when looking for a digest: a channel busier than this since the digest was due is rare. */
export const FIND_MAX_PAGES = 5;

/** The digest's nonce (Discord allows 25 characters): the same for every attempt at one channel's day. */
export const digestNonce = (key: ChannelKey, localDate: string) => createHash("sha256").update(`aistack-digest:${key.channel}:${localDate}`).digest("base64url").slice(0, 25);

const errorCode = (err: unknown): string | undefined => {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof e?.code === "string" ? e.code : typeof e?.cause?.code === "string" ? e.cause.code : undefined;
  return code;
};

export function classifyDiscordError(err: unknown): PostOutcome & { ok: false } {
  if (err instanceof RateLimitError) {
    return { ok: false, kind: "rate_limited", retryAfterMs: Math.max(0, Math.ceil(err.retryAfter)), detail: `rate limited on ${err.route}${err.global ? " (global)" : ""}`, scope: err.global ? "platform" : "channel" };
  }
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === "number" ? err.code : Number(err.code);
    const detail = `${err.status} ${code}: ${err.message.slice(0, 200)}`;
    if (DEAD_CHANNEL_CODES.has(code) || err.status === 404) return { ok: false, kind: "dead_channel", detail };
    // a 5xx may come after Discord created the message
    if (err.status >= 500) return { ok: false, kind: "unknown", detail };
    return { ok: false, kind: "permanent", detail };
  }
  if (err instanceof HTTPError) {
    const detail = `${err.status} ${err.message.slice(0, 200)}`;
    return err.status >= 500 || err.status === 408 ? { ok: false, kind: "unknown", detail } : { ok: false, kind: "permanent", detail };
  }
  const code = errorCode(err);
  if (code && NOT_SENT.has(code)) return { ok: false, kind: "transient", detail: code };
  // timeouts (AbortError), resets: Discord may have the message
  return { ok: false, kind: "unknown", detail: err instanceof Error ? `${err.name}${code ? ` ${code}` : ""}` : "unknown" };
}

interface ListedMessage {
  id: string;
  author?: { id?: string };
  message_reference?: unknown;
  interaction_metadata?: unknown;
  interaction?: unknown;
}

export class DiscordPoster implements ChannelPoster {
  readonly platform = "discord" as const;
  private botId?: string;
  constructor(private readonly rest: REST) {}

  async post(key: ChannelKey, answer: Answer, mark?: DigestMark): Promise<PostOutcome> {
    const msg = renderAnswer(answer);
    try {
      const res = (await this.rest.post(Routes.channelMessages(key.channel), {
        body: {
          content: msg.content, embeds: msg.embeds, components: msg.components, allowed_mentions: msg.allowed_mentions,
          ...(mark ? { nonce: digestNonce(key, mark.localDate), enforce_nonce: true } : {}),
        },
      })) as { id?: string };
      return { ok: true, messageId: res?.id };
    } catch (err) {
      return classifyDiscordError(err);
    }
  }

  async findPosted(key: ChannelKey, mark: DigestMark): Promise<FindOutcome> {
    try {
      this.botId ??= ((await this.rest.get(Routes.user())) as { id: string }).id;
      // a minute before it was due: clocks differ a little between here and Discord
      let after = SnowflakeUtil.generate({ timestamp: mark.scheduledFor.getTime() - 60_000 }).toString();
      for (let page = 0; page < FIND_MAX_PAGES; page++) {
        const messages = (await this.rest.get(Routes.channelMessages(key.channel), { query: new URLSearchParams({ after, limit: "100" }) })) as ListedMessage[];
        const found = messages.find((m) => m.author?.id === this.botId && !m.message_reference && !m.interaction_metadata && !m.interaction);
        if (found) return { found: true, messageId: found.id };
        if (messages.length < 100) return { found: false };
        after = messages.reduce((max, m) => (BigInt(m.id) > BigInt(max) ? m.id : max), after);
      }
      return { found: "unknown", detail: `more than ${FIND_MAX_PAGES * 100} messages since the digest was due` };
    } catch (err) {
      const outcome = classifyDiscordError(err);
      return { found: "unknown", detail: `channel messages: ${outcome.detail}`, ...(outcome.kind === "rate_limited" ? { retryAfterMs: outcome.retryAfterMs } : {}) };
    }
  }
}

/** A poster with its own REST client: 429 rejects with the server's Retry-After instead of sleeping, no automatic retries. */
export function createDiscordPoster(config: Pick<DiscordConfig, "DISCORD_TOKEN" | "DISCORD_API_URL">, timeoutMs = 15_000): DiscordPoster {
  return new DiscordPoster(createDiscordRest(config, { rejectOnRateLimit: () => true, retries: 0, offset: 0, timeout: timeoutMs }));
}
