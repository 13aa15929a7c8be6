// Posting an answer to a channel without a user interaction (the daily digest). Each platform adapter
// implements it with its own renderer; the scheduler only sees outcomes.
import type { Answer } from "../core/answer.js";
import type { ChannelKey } from "../storage/types.js";

/**
 * The longest Retry-After any outgoing call waits out (a digest post, a reply). Slack's per-channel limit and
 * Discord's per-route buckets reset within seconds; a longer wait means an incident or a misbehaving proxy, and
 * honouring it would hold a digest (or a reply someone is waiting for) far past its time. Past it, the post is given
 * up and reported (a log line and, for a digest, a failed delivery), never silently dropped.
 */
export const MAX_RETRY_AFTER_MS = 60_000;

export type PostOutcome =
  | { ok: true; messageId?: string }
  /** 429 / ratelimited: nothing was posted; try again after this many ms. `platform`: every channel waits (Discord's global limit) */
  | { ok: false; kind: "rate_limited"; retryAfterMs: number; detail: string; scope?: "channel" | "platform" }
  /** the channel is gone or closed to the bot (Slack channel_not_found / not_in_channel / is_archived; Discord 10003 / 50001): pause, don't retry */
  | { ok: false; kind: "dead_channel"; detail: string }
  /** the request certainly did not reach the platform (connection refused, name not found): worth a bounded number of retries */
  | { ok: false; kind: "transient"; detail: string }
  /**
   * the request may have been posted without us hearing so (a timeout, a reset, a 5xx, a body that was not the
   * platform's): never resent blindly; the platform is asked first (findPosted)
   */
  | { ok: false; kind: "unknown"; detail: string }
  /** anything else (bad request, auth): record and stop */
  | { ok: false; kind: "permanent"; detail: string };

/** What makes one channel's digest for one local date recognisable on the platform (Slack metadata, Discord nonce). */
export interface DigestMark {
  /** the channel's local date, YYYY-MM-DD */
  localDate: string;
  /** when it was due: nothing posted before it can be this digest */
  scheduledFor: Date;
}

/** Whether an earlier attempt's post is on the platform: found, not there, or the platform could not say. */
export type FindOutcome =
  | { found: true; messageId?: string }
  | { found: false }
  | { found: "unknown"; detail: string; retryAfterMs?: number };

export interface ChannelPoster {
  platform: ChannelKey["platform"];
  /** Posts the answer; with a mark, the post carries it so that findPosted can recognise it. */
  post(key: ChannelKey, answer: Answer, mark?: DigestMark): Promise<PostOutcome>;
  /**
   * Looks on the platform for the digest `mark` names, posted by an attempt whose outcome is unknown. Without it, an
   * unknown outcome is never followed by a second post (at most once).
   */
  findPosted?(key: ChannelKey, mark: DigestMark): Promise<FindOutcome>;
}
