// Assertions shared by the Slack tests: nothing in a message (any block, the fallback text) can ping anyone.
import { expect } from "vitest";

/** Every string inside a value (blocks, a view, a request body). */
export function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === "object") for (const x of Object.values(v)) strings(x, out);
  return out;
}

/**
 * No special mention (<!channel>, <!here>, <!everyone>), no user or group ping (<@U…>, <!subteam^…>) except the ids
 * in `allowedUsers`, no bare @channel/@here/@everyone word.
 */
export function expectNoMentions(message: unknown, allowedUsers: string[] = []): void {
  for (const s of strings(message)) {
    expect(s, "special mention").not.toMatch(/<!/);
    for (const m of s.matchAll(/<@([A-Z0-9]+)/g)) expect(allowedUsers, `user mention in ${JSON.stringify(s.slice(0, 80))}`).toContain(m[1]);
    expect(s, "bare broadcast word").not.toMatch(/(^|[^\w\u2060])@(channel|here|everyone)\b/i);
    // Any "<" we emit opens a link we built (http/https); nothing else.
    for (const m of s.matchAll(/<([^>]*)>?/g)) expect(m[1], "only our own links").toMatch(/^(https?:\/\/|@(?:U|W)[A-Z0-9]+$|#[CGD][A-Z0-9]+$)/);
  }
}
