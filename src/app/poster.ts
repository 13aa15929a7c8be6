// Posting an answer to a channel without a user interaction (the daily digest). Each platform adapter
// implements it with its own renderer; the scheduler only sees outcomes.
import type { Answer } from "../core/answer.js";
import type { ChannelKey } from "../storage/types.js";

export type PostOutcome =
  | { ok: true; messageId?: string }
  /** 429 / ratelimited: try again after this many ms */
  | { ok: false; kind: "rate_limited"; retryAfterMs: number; detail: string }
  /** the channel is gone or closed to the bot (Slack channel_not_found / not_in_channel / is_archived; Discord 10003 / 50001): pause, don't retry */
  | { ok: false; kind: "dead_channel"; detail: string }
  /** 5xx, timeouts, resets: worth a bounded number of retries */
  | { ok: false; kind: "transient"; detail: string }
  /** anything else (bad request, auth): record and stop */
  | { ok: false; kind: "permanent"; detail: string };

export interface ChannelPoster {
  platform: ChannelKey["platform"];
  post(key: ChannelKey, answer: Answer): Promise<PostOutcome>;
}
