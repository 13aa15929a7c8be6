// Bolt's HTTP receiver checks the signature and refuses timestamps older than five minutes, but accepts any
// timestamp in the future. This guard runs before Bolt and refuses both directions (and a missing timestamp)
// with 401, so a captured request cannot be replayed later, whichever way the clock was skewed.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Logger } from "../../log.js";
import { requestPath } from "../../app/http-guard.js";
import { MAX_REQUEST_SKEW_SECONDS } from "./limits.js";

export interface TimestampGuardOptions {
  /** the paths Bolt serves events on (POST only is guarded; other routes pass through) */
  endpoints: readonly string[];
  logger: Logger;
  /** wall clock in ms; signature freshness is about real time, so tests rarely override it */
  now?: () => number;
  maxSkewSeconds?: number;
}

/** "ok", or why the request's X-Slack-Request-Timestamp is refused. */
export function checkRequestTimestamp(header: string | string[] | undefined, nowMs: number, maxSkewSeconds = MAX_REQUEST_SKEW_SECONDS): "ok" | "missing" | "too_old" | "in_future" {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw || !/^\d{1,12}$/.test(raw.trim())) return "missing";
  const skew = Number(raw) - Math.floor(nowMs / 1000);
  if (skew > maxSkewSeconds) return "in_future";
  if (skew < -maxSkewSeconds) return "too_old";
  return "ok";
}

export function guardTimestamps(next: RequestListener, opts: TimestampGuardOptions): RequestListener {
  const now = opts.now ?? Date.now;
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = requestPath(req.url, opts.endpoints);
    if (req.method?.toUpperCase() === "POST" && opts.endpoints.includes(path)) {
      const verdict = checkRequestTimestamp(req.headers["x-slack-request-timestamp"], now(), opts.maxSkewSeconds);
      if (verdict !== "ok") {
        opts.logger.warn({ reason: verdict, path }, "slack request refused: timestamp outside the allowed window");
        res.writeHead(401, { "content-type": "text/plain" });
        res.end("invalid request timestamp");
        req.resume();
        return;
      }
    }
    return next(req, res);
  };
}
