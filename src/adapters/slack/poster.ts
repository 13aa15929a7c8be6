// ChannelPoster for Slack: posts an answer (the digest) to a channel with chat.postMessage and maps Slack's
// failures to outcomes the scheduler acts on. Its WebClient neither retries nor waits out rate limits itself:
// pacing and retries belong to the caller, which sees `rate_limited` with the wait Slack asked for.
//
// Exactly once: each digest carries message metadata (event type DIGEST_EVENT_TYPE, payload channel + local date).
// After an attempt whose outcome is unknown (a timeout, a reset, a 5xx), findPosted reads the channel's history since
// the digest was due with include_all_metadata and looks for it, so a post Slack accepted is never sent twice.
import { webApi } from "@slack/bolt";
import type { ChannelPoster, DigestMark, FindOutcome, PostOutcome } from "../../app/poster.js";
import type { Answer } from "../../core/answer.js";
import type { ChannelKey } from "../../storage/types.js";
import type { Logger } from "../../log.js";
import { boltLogger } from "./bolt-logger.js";
import { renderAnswer } from "./render.js";

const DEAD = new Set(["channel_not_found", "not_in_channel", "is_archived", "channel_is_archived", "team_access_not_granted", "access_denied"]);
/** Slack's own codes for "nothing was done, try again" */
const TRANSIENT = new Set(["service_unavailable", "team_added_to_org"]);
/** Slack's codes that do not say whether the message was stored */
const UNKNOWN = new Set(["internal_error", "fatal_error", "request_timeout"]);
/** Connection errors raised before the request left this machine: it certainly posted nothing. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

/** The metadata event type that marks a digest post (Slack message metadata). */
export const DIGEST_EVENT_TYPE = "aistack_digest";
/** History pages read when looking for a digest (200 messages each): a channel this busy since the digest was due is rare. */
export const FIND_MAX_PAGES = 5;

export function postClient(token: string, slackApiUrl?: string, logger?: Logger, timeoutMs = 10_000): webApi.WebClient {
  return new webApi.WebClient(token, {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    ...(logger ? { logger: boltLogger(logger) } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: timeoutMs,
  });
}

/** What undici puts in a fetch error's cause: a system error, or several (one per address tried). */
interface FetchCause {
  code?: string;
  message?: string;
  errors?: { code?: string }[];
}

/** Maps a thrown WebClient error to a PostOutcome. Exported for tests and other Slack callers. */
export function classifySlackError(err: unknown): Exclude<PostOutcome, { ok: true }> {
  if (err instanceof webApi.WebAPIRateLimitedError) {
    return { ok: false, kind: "rate_limited", retryAfterMs: Math.max(1, err.retryAfter) * 1000, detail: "ratelimited" };
  }
  if (err instanceof webApi.WebAPIPlatformError) {
    const code = String(err.data.error ?? "unknown_error");
    // Slack's codes are snake_case words; anything else is a body that was not Slack's JSON (a proxy's HTML
    // error page, a truncated response): the post may have gone through, and the body never reaches a log.
    if (!/^[a-z0-9_]{1,64}$/.test(code)) return { ok: false, kind: "unknown", detail: "malformed_response" };
    if (code === "ratelimited" || code === "rate_limited") return { ok: false, kind: "rate_limited", retryAfterMs: 1000, detail: code };
    if (DEAD.has(code)) return { ok: false, kind: "dead_channel", detail: code };
    if (TRANSIENT.has(code)) return { ok: false, kind: "transient", detail: code };
    if (UNKNOWN.has(code)) return { ok: false, kind: "unknown", detail: code };
    return { ok: false, kind: "permanent", detail: code };
  }
  if (err instanceof webApi.WebAPIHTTPError) {
    if (err.statusCode === 429) {
      const ra = Number(err.headers["retry-after"]);
      return { ok: false, kind: "rate_limited", retryAfterMs: (Number.isFinite(ra) && ra > 0 ? ra : 1) * 1000, detail: "http_429" };
    }
    // a 5xx may come from a proxy after Slack stored the message
    return err.statusCode >= 500 ? { ok: false, kind: "unknown", detail: `http_${err.statusCode}` } : { ok: false, kind: "permanent", detail: `http_${err.statusCode}` };
  }
  if (err instanceof webApi.WebAPIRequestError) {
    const original = err.original as Error & { cause?: FetchCause };
    const cause = original?.cause;
    const code = cause?.code ?? cause?.errors?.find((e) => e.code)?.code;
    // fetch refuses some ports outright ("bad port"); a refused or unresolvable connection sent nothing either
    if ((code && NOT_SENT.has(code)) || cause?.message === "bad port") return { ok: false, kind: "transient", detail: `request_error ${code ?? "blocked_port"}` };
    // a timeout (TimeoutError), a reset, a body that would not parse: Slack may have the message
    return { ok: false, kind: "unknown", detail: original?.name === "TimeoutError" ? "timeout" : `request_error${code ? ` ${code}` : ""}` };
  }
  return { ok: false, kind: "unknown", detail: err instanceof Error ? err.name : "unknown" };
}

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

export class SlackPoster implements ChannelPoster {
  readonly platform = "slack" as const;
  constructor(private readonly client: webApi.WebClient) {}

  async post(key: ChannelKey, answer: Answer, mark?: DigestMark): Promise<PostOutcome> {
    const message = renderAnswer(answer);
    try {
      const r = await this.client.chat.postMessage({
        channel: key.channel, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false,
        ...(mark ? { metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { channel: key.channel, local_date: mark.localDate } } } : {}),
      });
      return { ok: true, messageId: r.ts };
    } catch (err) {
      return classifySlackError(err);
    }
  }

  async findPosted(key: ChannelKey, mark: DigestMark): Promise<FindOutcome> {
    // a minute before it was due: clocks differ a little between here and Slack
    const oldest = ((mark.scheduledFor.getTime() - 60_000) / 1000).toFixed(6);
    let cursor: string | undefined;
    try {
      for (let page = 0; page < FIND_MAX_PAGES; page++) {
        const r = await this.client.conversations.history({ channel: key.channel, oldest, limit: 200, include_all_metadata: true, ...(cursor ? { cursor } : {}) });
        const found = ((r.messages ?? []) as HistoryMessage[]).find((m) =>
          m.metadata?.event_type === DIGEST_EVENT_TYPE && m.metadata.event_payload?.channel === key.channel && m.metadata.event_payload?.local_date === mark.localDate);
        if (found) return { found: true, ...(found.ts ? { messageId: found.ts } : {}) };
        cursor = r.response_metadata?.next_cursor || undefined;
        if (!r.has_more || !cursor) return { found: false };
      }
      return { found: "unknown", detail: `more than ${FIND_MAX_PAGES * 200} messages since the digest was due` };
    } catch (err) {
      const outcome = classifySlackError(err);
      return { found: "unknown", detail: `conversations.history: ${outcome.detail}`, ...(outcome.kind === "rate_limited" ? { retryAfterMs: outcome.retryAfterMs } : {}) };
    }
  }
}
