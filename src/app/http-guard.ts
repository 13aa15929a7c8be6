// What every HTTP server of the app applies before a platform framework sees a request: bodies capped at what the
// platforms send (refused from Content-Length alone when it says more, else cut off while reading), header and request
// timeouts against slow-drip connections, and bodies that are not a JSON object (`null`, `payload=null`, a number)
// refused with 400 (Bolt's receiver crashed on a signed `null`). The buffered body is left on the request as
// `rawBody`, where Bolt's receiver takes it instead of reading the stream again.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { parse as parseQuery } from "node:querystring";
import getRawBody from "raw-body";
import type { Logger } from "../log.js";

export const HTTP_LIMITS = {
  /**
   * Largest request body accepted. Slack's biggest payloads are interactions carrying a whole message (up to 50
   * blocks of 3,000 characters) or a view's state, form-encoded: a few hundred KB at worst; Discord interactions are
   * smaller. Bolt's own default was 4 MB, which let 150 unsigned bodies take 500 MB.
   */
  maxBodyBytes: 1024 * 1024,
  /** all headers must arrive within this (Node's default is 60 s) */
  headersTimeoutMs: 10_000,
  /** the whole request, body included, within this (Node's default is 300 s); Slack itself gives up after 3 s */
  requestTimeoutMs: 15_000,
  /** an idle keep-alive connection is closed after this */
  keepAliveTimeoutMs: 5_000,
  /** how often Node looks for connections past those timeouts (its default, 30 s, would double the header timeout) */
  timeoutCheckEveryMs: 1_000,
} as const;

/** Server options for http.createServer (and Bolt's receiver, which passes them on). */
export const serverTimeouts = () => ({
  headersTimeout: HTTP_LIMITS.headersTimeoutMs,
  requestTimeout: HTTP_LIMITS.requestTimeoutMs,
  keepAliveTimeout: HTTP_LIMITS.keepAliveTimeoutMs,
  connectionsCheckingInterval: HTTP_LIMITS.timeoutCheckEveryMs,
});

/** A form field named `payload`, or a field name with a %-escape that could decode to it; no match: no payload field. */
const MAY_HAVE_PAYLOAD = /(?:^|&)(?:payload(?:[=&]|$)|[^=&]*%)/;

/** The request's path: the URL as is when it is one of `paths` (the usual case, and what parsing it would give), else parsed. */
export function requestPath(url: string | undefined, paths: readonly string[]): string {
  return url !== undefined && paths.includes(url) ? url : new URL(url ?? "/", "http://localhost").pathname;
}

/** Is the body a JSON object, as every Slack and Discord payload is? Form bodies: their `payload` field, if any. */
export function bodyIsObject(raw: Buffer, contentType: string | undefined): boolean {
  const text = raw.toString("utf8");
  let value: unknown;
  try {
    if ((contentType ?? "").split(";")[0]!.trim() === "application/x-www-form-urlencoded") {
      // a slash command or ssl_check: plain form fields, no `payload` (skipping the parse is most of this check's cost)
      if (!MAY_HAVE_PAYLOAD.test(text)) return true;
      const form = parseQuery(text);
      if (form.payload === undefined) return true;
      value = typeof form.payload === "string" ? JSON.parse(form.payload) : undefined;
    } else value = JSON.parse(text);
  } catch {
    return true; // not JSON at all: the framework answers 400 or 401 itself
  }
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Wraps a request listener: POSTs to `paths` are read here, capped, and checked for shape; everything else passes
 * straight through. Refusals are short plain-text answers and close the connection.
 */
export function guardBodies(next: RequestListener, opts: { paths: readonly string[]; logger: Logger; maxBodyBytes?: number }): RequestListener {
  const limit = opts.maxBodyBytes ?? HTTP_LIMITS.maxBodyBytes;
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = requestPath(req.url, opts.paths);
    if (req.method?.toUpperCase() !== "POST" || !opts.paths.includes(path)) return next(req, res);
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) return refuse(req, res, opts.logger, path, 413, "request body too large");
    getRawBody(req, { limit }).then(
      (raw) => {
        if (!bodyIsObject(raw, req.headers["content-type"])) return refuse(req, res, opts.logger, path, 400, "malformed request body");
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
        try {
          next(req, res);
        } catch {
          refuse(req, res, opts.logger, path, 500, "internal error");
        }
      },
      (err: { type?: string; status?: number }) =>
        refuse(req, res, opts.logger, path, err.status === 413 ? 413 : 400, err.status === 413 ? "request body too large" : "unreadable request body"),
    );
  };
}

function refuse(req: IncomingMessage, res: ServerResponse, logger: Logger, path: string, status: number, reason: string): void {
  logger.warn({ status, reason, path }, "request refused before the platform handler");
  if (!res.headersSent) res.writeHead(status, { "content-type": "text/plain", connection: "close" });
  res.end(reason);
  req.resume();
}
