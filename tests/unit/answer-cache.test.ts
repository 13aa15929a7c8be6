import { describe, expect, it } from "vitest";
import { withAnswerCache } from "../../src/app/answer-cache.js";
import type { Core } from "../../src/core/types.js";
import { shippedCore } from "../helpers/shipped-kb.js";

const core = shippedCore();

/** Counts how often the wrapped core really computes. */
function counting(inner: Core) {
  const calls = { run: 0 };
  const spy: Core = { ...inner, run: (n, a, c) => (calls.run++, inner.run(n, a, c)) };
  return { spy, calls };
}

describe("answer cache", () => {
  const ctx = { now: new Date("2026-11-25T12:00:00Z"), timeZone: "UTC" };

  it("answers a repeat from the cache with the very same answer", () => {
    const { spy, calls } = counting(core);
    const cached = withAnswerCache(spy);
    const a = cached.run("ask", { question: "when was trainium announced?" }, ctx);
    const b = cached.run("ask", { question: "when was trainium announced?" }, ctx);
    expect(b).toBe(a);
    expect(calls.run).toBe(1);
    expect(a).toEqual(core.run("ask", { question: "when was trainium announced?" }, ctx));
  });

  it("computes again on another day or in another time zone (relative dates read the clock)", () => {
    const { spy, calls } = counting(core);
    const cached = withAnswerCache(spy);
    const q = { question: "what happened last year?" };
    cached.run("ask", q, ctx);
    cached.run("ask", q, { ...ctx, now: new Date("2027-01-02T12:00:00Z") });
    cached.run("ask", q, { ...ctx, timeZone: "Pacific/Kiritimati" });
    expect(calls.run).toBe(3);
  });

  it("keeps at most its capacity, dropping the least recently used", () => {
    const { spy, calls } = counting(core);
    const cached = withAnswerCache(spy, 2);
    const ask = (q: string) => cached.run("ask", { question: q }, ctx);
    ask("a trainium");
    ask("b inferentia");
    ask("a trainium"); // a is now most recent
    ask("c bedrock"); // evicts b
    expect(calls.run).toBe(3);
    ask("a trainium");
    expect(calls.run).toBe(3);
    ask("b inferentia");
    expect(calls.run).toBe(4);
  });
});
