// What may reach a log line. Errors from discord.js REST and Slack's WebClient carry the request (its URL, with an
// interaction or webhook token in the path, and its body, the full reply) and the response (a proxy's HTML page):
// errors are reduced to their name, code, status and a short message, and every string in every line is scrubbed of
// tokens and token-bearing URLs and capped in length.

/** The longest string kept in a log line: a status line or an error message fits; a reply or an HTML page does not. */
export const MAX_LOG_STRING = 300;

const SCRUBS: [RegExp, string][] = [
  // Discord interaction and webhook URLs: the segment after the id is a token that can post as the app for 15 minutes
  [/\b(interactions|webhooks)\/(\d+)\/[A-Za-z0-9_.-]{8,}/g, "$1/$2/[redacted]"],
  // Slack response_url / incoming webhook URLs carry their own credential in the path
  [/https?:\/\/hooks\.slack(?:-gov)?\.com\/[^\s"'<>]*/g, "https://hooks.slack.com/[redacted]"],
  // Slack tokens (bot, user, app-level, refresh…)
  [/\bxox[a-z]-[A-Za-z0-9-]+/g, "xox?-[redacted]"],
  [/\bxapp-[A-Za-z0-9-]+/g, "xapp-[redacted]"],
  // Discord bot tokens (three base64url parts) and Authorization header values
  [/\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}\b/g, "[redacted]"],
  [/\b(Bot|Bearer)\s+[A-Za-z0-9._-]{8,}/g, "$1 [redacted]"],
];

export function scrub(text: string, max = MAX_LOG_STRING): string {
  let out = text;
  for (const [pattern, replacement] of SCRUBS) out = out.replace(pattern, replacement);
  return out.length > max ? `${out.slice(0, max)}… (${out.length} chars)` : out;
}

/** Every string in a log object scrubbed and capped (depth-limited: log objects are small by design). */
export function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrub(value);
  if (value === null || typeof value !== "object" || depth > 6) return value;
  if (value instanceof Error) return serializeError(value);
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => scrubDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, depth + 1);
  return out;
}

/**
 * An error as a log line shows it: type, message, code, HTTP status and method, the URL scrubbed, Slack's error code,
 * a short stack. Never the request body (discord.js requestBody), the response body (rawError, body) or headers.
 */
export function serializeError(err: unknown): Record<string, unknown> {
  // already reduced (scrubDeep runs before pino's serializers), or a plain value
  if (!(err instanceof Error)) return err !== null && typeof err === "object" ? (err as Record<string, unknown>) : { message: scrub(String(err)) };
  const e = err as Error & { code?: unknown; status?: unknown; statusCode?: unknown; method?: unknown; url?: unknown; data?: { error?: unknown }; retryAfter?: unknown; cause?: unknown };
  const out: Record<string, unknown> = { type: e.name, message: scrub(e.message) };
  if (typeof e.code === "string" || typeof e.code === "number") out.code = e.code;
  const status = e.status ?? e.statusCode;
  if (typeof status === "number") out.status = status;
  if (typeof e.method === "string") out.method = e.method;
  if (typeof e.url === "string") out.url = scrub(e.url);
  if (typeof e.data?.error === "string") out.slackError = scrub(e.data.error, 64);
  if (typeof e.retryAfter === "number") out.retryAfter = e.retryAfter;
  if (e.cause instanceof Error) {
    const cause = e.cause as Error & { code?: unknown };
    out.cause = { type: cause.name, message: scrub(cause.message), ...(typeof cause.code === "string" ? { code: cause.code } : {}) };
  }
  // the frames only: the stack's first line repeats the (uncapped) message
  if (e.stack) out.stack = scrub(e.stack.split("\n").filter((l) => l.trimStart().startsWith("at ")).slice(0, 5).join("\n"), 1000);
  return out;
}
