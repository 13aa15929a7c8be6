// ChannelPoster for Slack: posts an answer (the digest) to a channel with chat.postMessage and maps Slack's
// failures to outcomes the scheduler acts on. Its WebClient neither retries nor waits out rate limits itself:
// pacing and retries belong to the caller, which sees `rate_limited` with the wait Slack asked for.
import { webApi } from "@slack/bolt";
import type { ChannelPoster, PostOutcome } from "../../app/poster.js";
import type { Answer } from "../../core/answer.js";
import type { ChannelKey } from "../../storage/types.js";
import type { Logger } from "../../log.js";
import { boltLogger } from "./bolt-logger.js";
import { renderAnswer } from "./render.js";

const DEAD = new Set(["channel_not_found", "not_in_channel", "is_archived", "channel_is_archived", "team_access_not_granted", "access_denied"]);
const TRANSIENT = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org"]);

export function postClient(token: string, slackApiUrl?: string, logger?: Logger, timeoutMs = 10_000): webApi.WebClient {
  return new webApi.WebClient(token, {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    ...(logger ? { logger: boltLogger(logger) } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: timeoutMs,
  });
}

/** Maps a thrown WebClient error to a PostOutcome. Exported for tests and other Slack callers. */
export function classifySlackError(err: unknown): Exclude<PostOutcome, { ok: true }> {
  if (err instanceof webApi.WebAPIRateLimitedError) {
    return { ok: false, kind: "rate_limited", retryAfterMs: Math.max(1, err.retryAfter) * 1000, detail: "ratelimited" };
  }
  if (err instanceof webApi.WebAPIPlatformError) {
    const code = String(err.data.error ?? "unknown_error");
    // Slack's codes are snake_case words; anything else is a body that was not Slack's JSON (a proxy's HTML
    // error page, a truncated response): worth a retry, and never copied into logs or the delivery record.
    if (!/^[a-z0-9_]{1,64}$/.test(code)) return { ok: false, kind: "transient", detail: "malformed_response" };
    if (code === "ratelimited" || code === "rate_limited") return { ok: false, kind: "rate_limited", retryAfterMs: 1000, detail: code };
    if (DEAD.has(code)) return { ok: false, kind: "dead_channel", detail: code };
    if (TRANSIENT.has(code)) return { ok: false, kind: "transient", detail: code };
    return { ok: false, kind: "permanent", detail: code };
  }
  if (err instanceof webApi.WebAPIHTTPError) {
    if (err.statusCode === 429) {
      const ra = Number(err.headers["retry-after"]);
      return { ok: false, kind: "rate_limited", retryAfterMs: (Number.isFinite(ra) && ra > 0 ? ra : 1) * 1000, detail: "http_429" };
    }
    return err.statusCode >= 500 ? { ok: false, kind: "transient", detail: `http_${err.statusCode}` } : { ok: false, kind: "permanent", detail: `http_${err.statusCode}` };
  }
  if (err instanceof webApi.WebAPIRequestError) return { ok: false, kind: "transient", detail: "request_error" };
  return { ok: false, kind: "transient", detail: err instanceof Error ? err.name : "unknown" };
}

export class SlackPoster implements ChannelPoster {
  readonly platform = "slack" as const;
  constructor(private readonly client: webApi.WebClient) {}

  async post(key: ChannelKey, answer: Answer): Promise<PostOutcome> {
    const message = renderAnswer(answer);
    try {
      const r = await this.client.chat.postMessage({ channel: key.channel, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
      return { ok: true, messageId: r.ts };
    } catch (err) {
      return classifySlackError(err);
    }
  }
}
