// Properties of the core and the parsers over hostile input: never an exception, always a well-formed answer
// with fallback text, autocomplete within Discord's rules, and oversized input refused early and fast.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_INPUT_CHARS, refuseLongInput } from "../../src/app/input-limit.js";
import { ANSWER_KINDS, type Answer } from "../../src/core/answer.js";
import { parseCommandText } from "../../src/core/commands/parse.js";
import { parseDigestArgs } from "../../src/app/commands/digest.js";
import { COMMANDS } from "../../src/app/commands/list.js";
import { CORE_COMMANDS } from "../../src/core/commands/registry.js";
import { readQueryDates } from "../../src/core/query-dates.js";
import { parseKbDate } from "../../src/kb/dates.js";
import { parseDays, parseSubscribeArgs, parseTime, parseTimeZone, parseTopics } from "../../src/app/commands/digest.js";
import { slackToPlain } from "../../src/adapters/slack/escape.js";
import { cleanUserText } from "../../src/adapters/discord/handlers/context.js";
import { realCore } from "../helpers/slack-harness.js";
import { hostileText, RUNS } from "./arbitraries.js";

const core = realCore();
const zones = fc.constantFrom(undefined, "UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Chatham");
const ctxArb = fc.record({ now: fc.date({ min: new Date("1990-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }), timeZone: zones });

function wellFormed(a: Answer): void {
  expect(ANSWER_KINDS).toContain(a.kind);
  expect(typeof a.headline).toBe("string");
  expect(a.headline.trim().length).toBeGreaterThan(0);
  expect(typeof a.fallbackText).toBe("string");
  expect(a.fallbackText.trim().length).toBeGreaterThan(0);
  expect(Array.isArray(a.sections) && Array.isArray(a.suggestions)).toBe(true);
}

describe("core over hostile input", () => {
  it("handleText and ask always return a well-formed answer", () => {
    fc.assert(
      fc.property(hostileText(400), ctxArb, (text, ctx) => {
        wellFormed(core.handleText(text, ctx));
        wellFormed(core.ask(text, ctx));
      }),
      RUNS(150),
    );
  });

  it("every core command accepts any option values", () => {
    const names = CORE_COMMANDS.map((c) => c.spec.name);
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.dictionary(fc.constantFrom("question", "subject", "entity", "a", "b", "text", "__proto__"), hostileText(200)), ctxArb, (name, args, ctx) => {
        wellFormed(core.run(name, args, ctx));
      }),
      RUNS(120),
    );
  });

  it("autocomplete returns at most the limit, names and values 1–100 characters", () => {
    fc.assert(
      fc.property(fc.constantFrom("entity", "subject", "question"), hostileText(300), fc.integer({ min: 0, max: 40 }), (source, partial, limit) => {
        const choices = core.autocomplete(source as Parameters<typeof core.autocomplete>[0], partial, limit);
        expect(choices.length).toBeLessThanOrEqual(Math.min(limit, 25) || 25);
        for (const c of choices) {
          expect(c.name.length).toBeGreaterThan(0);
          expect(c.name.length).toBeLessThanOrEqual(100);
          expect(c.value.length).toBeLessThanOrEqual(100);
        }
      }),
      RUNS(100),
    );
  });

  it("quickAnswer is undefined or a confident, well-formed answer", () => {
    fc.assert(
      fc.property(hostileText(300), ctxArb, (text, ctx) => {
        const a = core.quickAnswer(text, ctx);
        if (a) wellFormed(a);
      }),
      RUNS(120),
    );
  });

  it("10,000-character input is refused at once with a short message, whatever the command", () => {
    const big = fc.tuple(fc.constantFrom("", "about ", "compare ", "timeline ", "ask "), fc.constantFrom("x", "amazon ", "🤖", "<!here> ", "a\u0000")).map(([cmd, unit]) => cmd + unit.repeat(Math.ceil(10_000 / unit.length)));
    fc.assert(
      fc.property(big, (text) => {
        const t = performance.now();
        const refused = refuseLongInput(text);
        expect(refused?.kind).toBe("error");
        expect(refused!.fallbackText.length).toBeLessThan(200);
        expect(performance.now() - t).toBeLessThan(50);
      }),
      RUNS(20),
    );
    expect(refuseLongInput("x".repeat(MAX_INPUT_CHARS))).toBeUndefined();
  });
});

describe("parsers over hostile input", () => {
  it("the text command parser always picks a registry command and never throws", () => {
    fc.assert(
      fc.property(hostileText(300), (text) => {
        const p = parseCommandText(text, COMMANDS);
        expect(COMMANDS).toContain(p.command);
        for (const v of Object.values(p.args)) expect(typeof v).toBe("string");
        const d = parseDigestArgs(text);
        for (const v of Object.values(d)) expect(typeof v).toBe("string");
      }),
      RUNS(300),
    );
  });

  it("question dates parse or not, but never throw, and spans are ordered ISO dates", () => {
    fc.assert(
      fc.property(hostileText(200), ctxArb, (text, ctx) => {
        const d = readQueryDates(text, ctx.now, ctx.timeZone);
        for (const span of Object.values(d).flat()) {
          if (span && typeof span === "object" && "start" in span && "end" in span) {
            expect(String(span.start) <= String(span.end)).toBe(true);
          }
        }
      }),
      RUNS(300),
    );
  });

  it("knowledge-base dates return a date or a reason, never throw", () => {
    fc.assert(
      fc.property(fc.oneof(hostileText(60), fc.constantFrom("2024", "2024-13", "2024-02-30", "Q5 2024", "H1 2024", "2019..2021", "2021..2019", "99999")), (text) => {
        const r = parseKbDate(text);
        if (typeof r !== "string") expect(r.start <= r.end).toBe(true);
      }),
      RUNS(300),
    );
  });

  it("digest option parsers answer ok or a short error, never throw", () => {
    fc.assert(
      fc.property(hostileText(100), (text) => {
        for (const r of [parseTime(text), parseTimeZone(text), parseDays(text), parseTopics(text)]) {
          if (!r.ok) expect(r.error.length).toBeLessThan(400);
        }
        const s = parseSubscribeArgs({ at: text, tz: text, days: text, topics: text, extra: text }, undefined, "UTC");
        if (!s.ok) expect(s.error.length).toBeLessThan(1500);
      }),
      RUNS(200),
    );
  });

  it("platform text cleaners never throw and leave no user or broadcast mention for the core", () => {
    fc.assert(
      fc.property(hostileText(300), (text) => {
        expect(slackToPlain(text)).not.toMatch(/<@[UW][A-Z0-9]+>/);
        expect(cleanUserText(text)).not.toMatch(/<@[!&]?\d+>|@everyone\b|@here\b/i);
      }),
      RUNS(300),
    );
  });
});
