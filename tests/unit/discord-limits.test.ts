import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { andMore, clip, joinWithin } from "../../src/adapters/discord/limits.js";

describe("Discord text limits", () => {
  it("clip never exceeds the limit and marks a cut", () => {
    expect(clip("hello", 10)).toBe("hello");
    expect(clip("hello world", 6)).toBe("hello…");
    expect(clip("abc", 0)).toBe("");
    fc.assert(fc.property(fc.string({ maxLength: 500 }), fc.integer({ min: 0, max: 300 }), (s, max) => clip(s, max).length <= max));
  });

  it("joinWithin keeps whole lines and says how many were left out", () => {
    const lines = Array.from({ length: 10 }, (_, i) => `line ${i}`);
    expect(joinWithin(lines, 1000)).toBe(lines.join("\n"));
    const cut = joinWithin(lines, 40);
    expect(cut.length).toBeLessThanOrEqual(40);
    const kept = cut.split("\n").filter((l) => l.startsWith("line "));
    expect(cut.endsWith(andMore(10 - kept.length))).toBe(true);
  });

  it("joinWithin never exceeds the limit, whatever the lines", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 200 }), { maxLength: 50 }), fc.integer({ min: 0, max: 2000 }), (lines, max) => {
        const out = joinWithin(lines, max);
        expect(out.length).toBeLessThanOrEqual(max);
      }),
    );
  });
});
