import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { consoleReply } from "../../src/adapters/console/index.js";
import { renderConsole } from "../../src/adapters/console/render.js";
import { ANSWER_KINDS, finishAnswer, NOT_IN_KB, type Answer, type AnswerItem, type AnswerKind, type SourceRef } from "../../src/core/answer.js";
import { createCore } from "../../src/core/index.js";
import { parseKbDate, type KbDate } from "../../src/kb/dates.js";
import { loadKnowledgeBase } from "../../src/kb/loader.js";

const ROOT = join(import.meta.dirname, "..", "..");
const GOLDEN_DIR = join(ROOT, "tests", "golden", "console");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

// Hand-built answers, one per kind: the renderer is tested apart from the core, so a ranking change never moves a golden.
const date = (s: string): KbDate => {
  const d = parseKbDate(s);
  if (typeof d === "string") throw new Error(d);
  return d;
};
const ARTICLE: SourceRef = { id: "article", label: "stockmarketwatch.com, 14 Jun 2025 · AWS custom chips", name: "stockmarketwatch.com, 14 Jun 2025", section: "AWS custom chips", kind: "article", published: "2025-06-14", url: "https://example.com/article" };
const RECORD: SourceRef = { id: "aws-reinvent", label: "aws.amazon.com, Dec 2020: AWS re:Invent 2020 announcements", name: "aws.amazon.com, Dec 2020: AWS re:Invent 2020 announcements", kind: "public-record", published: "2020-12" };

function item(id: string, text: string, extra: Partial<AnswerItem> = {}): AnswerItem {
  return { id, recordKind: "fact", title: "AWS Trainium", text, entities: ["trainium"], sources: [ARTICLE], conflictNotes: [], score: 1, ...extra };
}

const FIXTURES: Record<AnswerKind, Answer> = {
  fact: finishAnswer({
    kind: "fact",
    query: "when was trainium announced?",
    headline: "AWS Trainium: 2020",
    sections: [
      {
        items: [
          item("trainium-announced-2020", "AWS announced Trainium, its custom AI training chip, in 2020.", { date: date("2020"), sources: [ARTICLE, RECORD], score: 0.98 }),
          item("sum-inferentia-trainium-dates", "The article dates Inferentia to 2019 and Trainium to 2020.", { date: date("2019..2020"), score: 0.9, conflictNotes: ["The article also says Inferentia launched in 2019; public record: announced November 2018."] }),
        ],
      },
    ],
    suggestions: ["timeline AWS Trainium", "about AWS Trainium"],
    reviewed: "2026-11-25",
    confident: true,
  }),
  timeline: finishAnswer({
    kind: "timeline",
    query: "timeline trainium",
    headline: "Timeline: AWS Trainium",
    summary: '3 dated events; dates show their precision (a year, a month, "late 2023").',
    sections: [
      {
        items: [
          item("t1", "AWS announced Trainium in 2020.", { date: date("2020") }),
          item("t2", "Anthropic agreed to use Trainium and Inferentia for future models.", { date: date("2023-09-25") }),
          item("t3", "Anthropic began building on Trainium at scale.", { date: date("late 2023"), status: "disputed", conflictNotes: ["The article also says March 2024; public record: not confirmed."] }),
          item("t4", "Trainium2 instances became generally available.", { date: date("2024-Q4") }),
        ],
      },
    ],
    suggestions: ["about AWS Trainium"],
    reviewed: "2026-11-20",
    paging: { page: 1, pageCount: 2, total: 14, next: 2, nextText: "timeline trainium page 2" },
    confident: false,
  }),
  comparison: finishAnswer({
    kind: "comparison",
    query: "trainium vs tpu",
    headline: "AWS Trainium vs Google TPU",
    summary: '"not in the knowledge base" marks an attribute the knowledge base has for one side only.',
    sections: [
      {
        table: {
          columns: ["AWS Trainium", "Google TPU"],
          rows: [
            { label: "Kind", cells: [{ text: "chip", ids: [], sources: [] }, { text: "chip", ids: [], sources: [] }] },
            { label: "Price / performance", cells: [{ text: "up to 50% cost savings", ids: ["c1"], sources: [ARTICLE] }, { text: NOT_IN_KB, ids: [], sources: [], missing: true }] },
          ],
        },
        items: [],
      },
      { heading: "Statements naming AWS Trainium and Google TPU", items: [item("c2", "Anthropic splits its training across Trainium and TPUs.", { entities: ["trainium", "tpu"] })] },
    ],
    suggestions: ["about AWS Trainium", "about Google TPU"],
    confident: false,
  }),
  list: finishAnswer({
    kind: "list",
    query: "which instances use inferentia today?",
    headline: "AWS Inferentia: Inf1 and Inf2 instances",
    sections: [
      {
        items: [
          item("l1", "Inf1 instances run on first-generation Inferentia.", { title: "EC2 Inf1", date: date("2019-12") }),
          item("l2", "Inf2 instances run on Inferentia2.", { title: "EC2 Inf2", date: date("2021..2022") }),
          item("l3", "Inferentia is designed for low-cost inference.", { title: "AWS Inferentia" }),
        ],
      },
    ],
    suggestions: ["timeline AWS Inferentia"],
    reviewed: "2026-11-25",
    confident: true,
  }),
  entity: finishAnswer({
    kind: "entity",
    query: "trainium",
    headline: "AWS Trainium (chip)",
    summary: "Also called Trainium, Amazon Trainium, Trainium1. Part of Annapurna Labs.",
    sections: [
      { heading: "What it is", items: [item("trainium", "Trainium is AWS's custom AI training chip designed by Annapurna Labs.", { recordKind: "entity" })] },
      { heading: "Key facts", items: [item("k1", "AWS announced Trainium in 2020.", { date: date("2020") })] },
      { heading: "Latest events", items: [item("k2", "Anthropic began building on Trainium.", { date: date("2024-03") })] },
    ],
    suggestions: ["timeline AWS Trainium", "about AWS Trainium2"],
    reviewed: "2026-11-25",
    confident: false,
  }),
  sources: finishAnswer({
    kind: "sources",
    query: "sources",
    headline: "Built from 1 article(s) and 1 public-record source(s)",
    summary: "2 facts about 1 entities. 1 conflicts are recorded: 1 article claims are disputed and shown with the public record. Last reviewed 2026-11-25.",
    sections: [
      {
        items: [
          { id: "article", recordKind: "source", title: "Amazon's AI stack", text: "Source article: Amazon's AI stack (stockmarketwatch.com, 2025-06-14). Backs 2 facts.", entities: [], sources: [ARTICLE], conflictNotes: [], score: 1 },
          { id: "aws-reinvent", recordKind: "source", title: "re:Invent 2020", text: "Public record: re:Invent 2020 (aws.amazon.com, 2020-12). Backs 1 fact.", entities: [], sources: [RECORD], conflictNotes: [], score: 1 },
        ],
      },
    ],
    suggestions: ["help"],
    reviewed: "2026-11-25",
    confident: false,
  }),
  digest: finishAnswer({
    kind: "digest",
    query: "digest",
    headline: "aistack digest for 25 Nov 2026",
    sections: [
      { heading: "On this day", items: [item("d1", "Anthropic released Claude 2.1 with a 200k context.", { date: date("2023-11-21"), title: "Claude 2.1" })] },
      { heading: "Try asking", items: [{ id: "q1", recordKind: "question", title: "When was Trainium announced?", text: "When was Trainium announced?", entities: [], sources: [], conflictNotes: [], score: 1 }] },
    ],
    suggestions: [],
    confident: false,
  }),
  "no-answer": finishAnswer({
    kind: "no-answer",
    query: "what is the hourly price of a trn1 instance?",
    headline: "I don't have that in my knowledge base.",
    summary: "I know about EC2 Trn1 instances, but nothing that answers this question.",
    sections: [],
    suggestions: ["about EC2 Trn1 instances", "When was Trainium announced?"],
    confident: false,
  }),
  ambiguous: finishAnswer({
    kind: "ambiguous",
    query: "gamma",
    headline: '"gamma" could mean 2 things.',
    summary: "Pick one:",
    sections: [
      {
        items: [
          item("gamma-labs", "Gamma Labs is a model maker.", { recordKind: "entity", title: "Gamma Labs", sources: [] }),
          item("gamma-chip", "Gamma Chip is an inference chip.", { recordKind: "entity", title: "Gamma Chip", sources: [] }),
        ],
      },
    ],
    suggestions: ["about Gamma Labs", "about Gamma Chip"],
    confident: false,
  }),
  help: finishAnswer({
    kind: "help",
    query: "help",
    headline: "aistack answers questions about the AI industry stack",
    summary: "Ask in plain words, or use a command:",
    sections: [
      {
        items: [
          { id: "command:ask", recordKind: "command", title: "ask <question>", text: "Ask a question. Example: ask when was Trainium announced?", entities: [], sources: [], conflictNotes: [], score: 1 },
          { id: "command:help", recordKind: "command", title: "help", text: "How to use aistack. Example: help", entities: [], sources: [], conflictNotes: [], score: 1 },
        ],
      },
    ],
    suggestions: ["When was Trainium announced?"],
    confident: false,
  }),
  error: finishAnswer({
    kind: "error",
    query: "",
    headline: "That is too long to be a question (10,000 characters).",
    summary: 'Ask in under 500 characters, e.g. "when was Trainium announced?"',
    sections: [],
    suggestions: [],
    confident: false,
  }),
};

const LONG = finishAnswer({
  kind: "fact",
  query: "long",
  headline: "A long answer",
  summary: "word ".repeat(60).trim(),
  sections: [{ items: [item("long", "Amazon ".repeat(40).trim(), { date: date("mid-2024"), conflictNotes: ["public record ".repeat(20).trim()] })] }],
  suggestions: Array.from({ length: 12 }, (_, i) => `about Entity number ${i}`),
  confident: false,
});

describe("console renderer goldens", () => {
  it("has a fixture for every answer kind", async () => {
    expect(Object.keys(FIXTURES).sort()).toEqual([...ANSWER_KINDS].sort());
  });

  for (const kind of [...ANSWER_KINDS, "long"] as const) {
    it(`renders a ${kind} answer exactly as tests/golden/console/${kind}.txt`, async () => {
      const answer = kind === "long" ? LONG : FIXTURES[kind];
      const rendered = renderConsole(answer) + "\n";
      const file = join(GOLDEN_DIR, `${kind}.txt`);
      if (UPDATE) {
        mkdirSync(GOLDEN_DIR, { recursive: true });
        writeFileSync(file, rendered);
      }
      if (!existsSync(file)) throw new Error(`golden ${file} is missing: run with UPDATE_GOLDEN=1, review and commit it`);
      expect(rendered).toBe(readFileSync(file, "utf8"));
    });
  }

  it("a golden comparison fails when the output changes", async () => {
    const golden = readFileSync(join(GOLDEN_DIR, "fact.txt"), "utf8");
    expect(renderConsole({ ...FIXTURES.fact, headline: "AWS Trainium: 2021" }) + "\n").not.toBe(golden);
  });
});

describe("console renderer", () => {
  it("shows dates with their precision, conflict notes, each source once with its sections, the source's date and suggestions", async () => {
    const out = renderConsole(FIXTURES.timeline);
    expect(out).toContain("  - [2020] AWS announced Trainium in 2020.");
    expect(out).toContain("[25 Sep 2023] ");
    expect(out).toContain("[late 2023] ");
    expect(out).toContain("[Q4 2024] ");
    expect(out).toContain("    ! note: The article also says March 2024; public record: not confirmed.");
    expect(out.match(/stockmarketwatch\.com/g)).toHaveLength(1);
    expect(out).toContain("  - stockmarketwatch.com, 14 Jun 2025 — section: AWS custom chips <https://example.com/article>");
    // "as of" is the source's date, never the records' review date
    expect(out).toContain("As of: 14 Jun 2025 (the date of the sources)");
    expect(out).not.toContain("2026-11-20");
    expect(out.split("\n").at(-1)).toBe("Try: about AWS Trainium");
  });

  it("wraps to 100 columns with hanging indents", async () => {
    const lines = renderConsole(LONG).split("\n");
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(100);
    const itemLines = lines.filter((l) => l.includes("Amazon"));
    expect(itemLines[0]!.startsWith("  - [mid-2024] Amazon")).toBe(true);
    for (const l of itemLines.slice(1)) expect(l.startsWith("    Amazon")).toBe(true);
    const noteLines = lines.filter((l) => l.includes("public record"));
    expect(noteLines[0]!.startsWith("    ! note: public record")).toBe(true);
    for (const l of noteLines.slice(1)) expect(l).toMatch(/^ {6}\S/);
  });

  it("omits what an answer does not have", async () => {
    const out = renderConsole(FIXTURES.error);
    expect(out).toBe('That is too long to be a question (10,000 characters).\n  Ask in under 500 characters, e.g. "when was Trainium announced?"');
  });

  it("strips control characters from every field so nothing moves the cursor or clears the screen", async () => {
    const evil = "\u001b[2J\u001b[H\u0007\r\u0008\u007f\u009b31m\u0000";
    const answer = finishAnswer({
      kind: "fact",
      query: evil,
      headline: `Head${evil}line`,
      summary: `Sum${evil}mary`,
      sections: [
        {
          heading: `Sec${evil}tion`,
          items: [
            item("x", `Te${evil}xt`, {
              date: { ...date("2020"), label: `20${evil}20` },
              conflictNotes: [`No${evil}te`],
              sources: [{ id: "s", label: `Sou${evil}rce`, name: `Sou${evil}rce`, kind: "article" }],
            }),
          ],
        },
      ],
      suggestions: [`Sug${evil}gestion`],
      reviewed: "2026-11-25",
      confident: false,
    });
    const out = renderConsole(answer);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    for (const word of ["Head[2J[H31mline", "Sum[2J[H31mmary", "Sec[2J[H31mtion:", "Te[2J[H31mxt", "No[2J[H31mte", "Sou[2J[H31mrce", "Sug[2J[H31mgestion", "[20[2J[H31m20]"]) {
      expect(out).toContain(word);
    }
  });
});

describe("consoleReply", () => {
  const kb = loadKnowledgeBase(join(ROOT, "data")).kb;
  const core = createCore(kb);
  const now = new Date("2026-11-25T12:00:00Z");

  it("exit, quit and :q end the session, in any case and with spaces", async () => {
    for (const line of ["exit", "quit", ":q", "EXIT", "  Quit  "]) expect(await consoleReply(core, line, now), line).toBeUndefined();
    expect(await consoleReply(core, "exit now", now)).not.toBeUndefined();
  });

  it("a blank line prints nothing", async () => {
    expect(await consoleReply(core, "", now)).toBe("");
    expect(await consoleReply(core, "   \t", now)).toBe("");
  });

  it("app commands that change channel settings are not available", async () => {
    expect(await consoleReply(core, "autoanswer on", now)).toBe("`autoanswer` changes a Slack or Discord channel's settings; it is not available in the console.");
    expect(await consoleReply(core, "digest subscribe at 09:00", now)).toBe("`digest` changes a Slack or Discord channel's settings; it is not available in the console.");
  });

  it("questions and core commands are answered with the console renderer", async () => {
    const q = "when was trainium announced?";
    const reply = (await consoleReply(core, `  ${q} `, now))!;
    expect(reply).toBe(renderConsole(core.handleText(q, { now })));
    expect(reply.split("\n")[0]).toBe("AWS Trainium announced: 2020");
    expect((await consoleReply(core, "timeline trainium", now))!.split("\n")[0]).toMatch(/^Timeline: AWS Trainium(?: — |$)/);
    // help lists what the console offers, never a command it would then refuse
    const help = (await consoleReply(core, "help", now))!.replace(/\s+/g, " ");
    expect(help).toContain("timeline <entity or year>: Dated events");
    expect(help).not.toContain("autoanswer");
    expect(help).not.toContain("digest");
  });

  it("passes the clock and time zone through", async () => {
    const a = (await consoleReply(core, "what did anthropic do last year", new Date("2026-01-01T03:00:00Z"), "America/Los_Angeles"))!;
    expect(a.split("\n")[0]).toContain("last year (2024)");
  });
});
