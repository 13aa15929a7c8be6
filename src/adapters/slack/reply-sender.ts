// Sends a listener's message (an answer, a notice) at most once and never lets one channel's rate limit hold up
// another's. Bolt's own client retries every call, timeouts included (a chat.postMessage that timed out may well
// have been posted: the retry doubles it), and on a 429 pauses every call it makes for the full Retry-After. So
// messages go through a client per token that neither retries nor waits (postClient), and here:
//   - a 429 (Slack posted nothing) waits that channel's Retry-After, capped at MAX_RETRY_AFTER_MS, then sends again;
//     other channels are not held up; a longer wait, or too many 429s, is reported;
//   - a refused connection (nothing left this machine) is tried once more after a short pause;
//   - a timeout, a reset or a 5xx (the outcome is unknown) is never sent again: logged and reported as not known.
// "Reported": a warning log line and a rejected reply, which the pipeline logs as a failed request.
import type { webApi } from "@slack/bolt";
import { MAX_RETRY_AFTER_MS } from "../../app/poster.js";
import type { Logger } from "../../log.js";
import { classifySlackError, postClient } from "./poster.js";

/** 429s in a row one message waits out before it is reported instead. */
export const REPLY_RATE_LIMIT_RETRIES = 3;
/** Pause before the one retry of a message whose connection was refused. */
export const REPLY_RECONNECT_MS = 500;

export class ReplyNotSent extends Error {
  constructor(readonly kind: "rate_limited" | "unknown" | "failed", detail: string) {
    super(`slack message not sent (${kind}): ${detail}`);
    this.name = "ReplyNotSent";
  }
}

export class ReplySender {
  private readonly clients = new Map<string, webApi.WebClient>();
  /** channel → epoch ms until which Slack asked this channel's messages to wait */
  private readonly channelPause = new Map<string, number>();

  constructor(
    private readonly logger: Logger,
    private readonly timeoutMs: number,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** The non-retrying client for the token Bolt chose for this request (per workspace once installs are per team). */
  clientFor(client: webApi.WebClient): webApi.WebClient {
    const token = client.token ?? "";
    let c = this.clients.get(token);
    if (!c) {
      c = postClient(token, client.slackApiUrl, undefined, this.timeoutMs);
      if (this.clients.size >= 1000) this.clients.delete(this.clients.keys().next().value!);
      this.clients.set(token, c);
    }
    return c;
  }

  /** Runs `call` (one chat.postMessage / postEphemeral to `channel`) by the rules above. */
  async send<T>(client: webApi.WebClient, channel: string, method: string, call: (c: webApi.WebClient) => Promise<T>): Promise<T> {
    const c = this.clientFor(client);
    let limited = 0;
    let reconnected = false;
    for (;;) {
      const wait = (this.channelPause.get(channel) ?? 0) - Date.now();
      if (wait > 0) await this.sleep(wait);
      try {
        return await call(c);
      } catch (err) {
        const outcome = classifySlackError(err);
        const fields = { channel, method, kind: outcome.kind, detail: outcome.detail };
        if (outcome.kind === "rate_limited") {
          const retryAfter = Math.max(0, outcome.retryAfterMs);
          this.channelPause.set(channel, Date.now() + retryAfter);
          if (this.channelPause.size > 10_000) for (const [k, t] of this.channelPause) if (t <= Date.now()) this.channelPause.delete(k);
          if (retryAfter > MAX_RETRY_AFTER_MS || ++limited > REPLY_RATE_LIMIT_RETRIES) {
            this.logger.warn({ ...fields, retryAfterMs: retryAfter, limited }, "slack message not sent: rate limited too long");
            throw new ReplyNotSent("rate_limited", outcome.detail);
          }
          continue;
        }
        if (outcome.kind === "transient" && !reconnected) {
          reconnected = true;
          await this.sleep(REPLY_RECONNECT_MS);
          continue;
        }
        if (outcome.kind === "unknown") {
          this.logger.warn(fields, "slack message outcome unknown (it may have been posted); not sent again");
          throw new ReplyNotSent("unknown", outcome.detail);
        }
        this.logger.warn(fields, "slack message not sent");
        throw new ReplyNotSent("failed", outcome.detail);
      }
    }
  }
}
