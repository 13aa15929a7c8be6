// Hostile text for property tests: arbitrary unicode (including lone surrogates and control characters), and
// the fragments that break chat bots: mentions and broadcasts in Slack and Discord syntax, mrkdwn and markdown,
// code fences, links, RTL overrides, emoji sequences, and words the knowledge base knows, so the core's
// interesting paths (commands, entities, dates) run too.
import fc from "fast-check";
import { finishAnswer, ANSWER_KINDS, type Answer, type AnswerItem, type AnswerPaging, type AnswerTable, type TableCell } from "../../src/core/answer.js";

export const FRAGMENTS = [
  "<!channel>", "<!here>", "<!everyone>", "@channel", "@here", "@everyone", "<@U123>", "<@W0ABC|bob>", "<@&123456789012345678>",
  "<@123456789012345678>", "<@!123456789012345678>", "<#C0123|general>", "<!subteam^S1|team>", "<https://evil.example|click me>",
  "[click](https://evil.example)", "https://evil.example/?a=1&b=<2>", "```js\nalert(1)\n```", "`code`", "*bold*", "_it_", "~strike~",
  "> quote", "# heading", "||spoiler||", "&amp;", "&lt;", "&gt;", "<", ">", "&", "\u202e", "\u200f", "\u200b", "\u2060", "مرحبا بالعالم",
  "שלום", "🤖", "👨‍👩‍👧‍👦", "🇺🇸", "\u0000", "\u0007", "\u001b[2J", "\u007f", "\u0085", "\r\n", "\r", "\n", "\t", "   ", "\ud800", "\udfff",
  "trainium", "anthropic", "amazon", "google tpu", "nvidia", "timeline", "compare", "about", "sources", "help", "digest", "autoanswer",
  "vs", "and", "2024", "last year", "in Q3 2023", "between 2019 and 2021", "how much", "when", "who", "?", "%s", "${x}", "__proto__", "constructor",
] as const;

/** One hostile string: unicode of every kind, fragments glued together, or both. */
export const hostileText = (maxLength = 300): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: "binary", maxLength }),
    fc.string({ unit: "grapheme", maxLength }),
    fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }).map((a) => a.join(" ")),
    fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: "binary", maxLength: 8 })), { maxLength: 16 }).map((a) => a.join("")),
    fc.constantFrom("", " ", "\t\n", "\u00a0\u3000"),
  );

const item = (textLength: number): fc.Arbitrary<AnswerItem> =>
  fc.record({
    id: fc.string({ maxLength: 40 }),
    recordKind: fc.constantFrom("fact", "entity", "conflict", "question", "source", "command"),
    title: hostileText(200),
    text: fc.oneof(hostileText(300), fc.string({ unit: "binary", minLength: textLength, maxLength: textLength * 2 })),
    entities: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
    sources: fc.array(
      fc.record({
        id: fc.string({ maxLength: 10 }),
        label: hostileText(200),
        name: hostileText(200),
        section: fc.option(hostileText(100), { nil: undefined }),
        kind: fc.constantFrom("article" as const, "public-record" as const),
        published: fc.option(fc.constantFrom("2025-06-14", "2024-11", "2025", "not a date <!here>"), { nil: undefined }),
        url: fc.option(fc.oneof(fc.webUrl(), hostileText(60)), { nil: undefined }),
      }),
      { maxLength: 4 },
    ),
    conflictNotes: fc.array(hostileText(200), { maxLength: 3 }),
    score: fc.double({ min: 0, max: 1, noNaN: true }),
  }) as fc.Arbitrary<AnswerItem>;

const cell: fc.Arbitrary<TableCell> = fc.record({ text: fc.oneof(hostileText(300), fc.string({ minLength: 1500, maxLength: 3000 })), ids: fc.array(fc.string({ maxLength: 20 }), { maxLength: 2 }), sources: fc.constant([]), missing: fc.option(fc.boolean(), { nil: undefined }) });

/** Side-by-side tables with hostile names and values, wider and longer than any renderer shows. */
const table: fc.Arbitrary<AnswerTable> = fc.integer({ min: 1, max: 4 }).chain((sides) =>
  fc.record({
    columns: fc.array(hostileText(120), { minLength: sides, maxLength: sides }),
    rows: fc.array(fc.record({ label: hostileText(120), cells: fc.array(cell, { minLength: sides, maxLength: sides }) }), { maxLength: 12 }),
  }),
);

const paging: fc.Arbitrary<AnswerPaging> = fc.integer({ min: 1, max: 999 }).chain((pageCount) =>
  fc.record({
    page: fc.integer({ min: 1, max: pageCount }),
    pageCount: fc.constant(pageCount),
    total: fc.integer({ min: pageCount, max: pageCount * 10 }),
    next: fc.option(fc.integer({ min: 2, max: 1000 }), { nil: undefined }),
    nextText: fc.option(hostileText(200), { nil: undefined }),
  }),
);

/** Any answer the model allows, with hostile strings everywhere and sizes beyond every platform's limits. */
export const hostileAnswer: fc.Arbitrary<Answer> = fc
  .record({
    kind: fc.constantFrom(...ANSWER_KINDS),
    query: hostileText(200),
    headline: fc.oneof(hostileText(200), fc.string({ minLength: 300, maxLength: 800 })),
    summary: fc.option(fc.oneof(hostileText(300), fc.string({ minLength: 3000, maxLength: 6000 })), { nil: undefined }),
    sections: fc.array(fc.record({ heading: fc.option(hostileText(200), { nil: undefined }), items: fc.array(item(1200), { maxLength: 30 }), table: fc.option(table, { nil: undefined }) }), { maxLength: 4 }),
    paging: fc.option(paging, { nil: undefined }),
    suggestions: fc.array(hostileText(120), { maxLength: 8 }),
    reviewed: fc.option(fc.constantFrom("2025-06-14", "not a date <!here>"), { nil: undefined }),
    confident: fc.boolean(),
  })
  .map((a) => finishAnswer(a));

/** Fast, reproducible runs. */
export const RUNS = (numRuns: number) => ({ numRuns, seed: 20260302 });
