// Fixed Answer fixtures, one per answer kind, for the Slack renderer's golden tests. Hand-built (not from the
// live knowledge base) so a golden changes only when the renderer does.
import { ANSWER_KINDS, finishAnswer, NOT_IN_KB, type Answer, type AnswerItem, type AnswerKind, type SourceRef, type TableCell } from "../../src/core/answer.js";
import { kbDate } from "./kb-date.js";

const date = kbDate;

const ARTICLE: SourceRef = { id: "article", label: "stockmarketwatch.com, 14 Jun 2025 · Anthropic highlights", name: "stockmarketwatch.com, 14 Jun 2025", section: "Anthropic highlights", kind: "article", published: "2025-06-14", url: "https://example.com/article" };
const FILING: SourceRef = { id: "aws-press", label: "AWS press release, 25 Sep 2023", name: "AWS press release, 25 Sep 2023", kind: "public-record", published: "2023-09-25", url: "https://example.com/press" };

const cell = (text: string, ids: string[] = [], sources: SourceRef[] = []): TableCell => ({ text, ids, sources });
const missing = (): TableCell => ({ text: NOT_IN_KB, ids: [], sources: [], missing: true });

export function item(over: Partial<AnswerItem> & Pick<AnswerItem, "id" | "text">): AnswerItem {
  return { recordKind: "fact", title: "", entities: [], sources: [ARTICLE], conflictNotes: [], score: 0.9, ...over };
}

type Draft = Omit<Answer, "fallbackText">;
const base = (kind: AnswerKind, over: Partial<Draft>): Answer =>
  finishAnswer({ kind, query: "", headline: "", sections: [], suggestions: [], confident: false, ...over });

export const FIXTURES: Record<AnswerKind, Answer> = {
  fact: base("fact", {
    query: "how much did Amazon invest in Anthropic?",
    headline: "Amazon invested $8 billion in Anthropic in total",
    summary: "$4 billion in 2023–2024 and another $4 billion in Nov 2024.",
    sections: [{ items: [
      item({ id: "f-amazon-anthropic-4b", title: "Amazon invests $4B in Anthropic", text: "Amazon agreed to invest up to $4 billion in Anthropic.", date: date("2023-09-25"), sources: [ARTICLE, FILING] }),
      item({ id: "f-amazon-anthropic-4b-more", title: "Second $4B", text: "Amazon added another $4 billion.", date: date("2024-11"), conflictNotes: ["The article says Q4 2024; the press release says 22 Nov 2024."] }),
    ] }],
    suggestions: ["timeline anthropic", "about amazon"],
    reviewed: "2025-06-20",
    confident: true,
  }),
  timeline: base("timeline", {
    query: "timeline trainium",
    headline: "Trainium: timeline",
    sections: [{ items: [
      item({ id: "f-trn1-announced", title: "Trainium announced", text: "AWS announces Trainium at re:Invent.", date: date("2020-12") }),
      item({ id: "f-trn2-ga", title: "Trn2 generally available", text: "Trn2 instances become generally available.", date: date("2024-Q4"), status: "corrected" }),
      item({ id: "f-trn3", title: "Trainium3", text: "Trainium3 is expected.", date: date("late-2025"), status: "disputed", conflictNotes: ["The article says late 2025; public record: 2026."] }),
    ] }],
    suggestions: ["compare trainium tpu"],
    reviewed: "2025-06-20",
    paging: { page: 1, pageCount: 3, total: 23, next: 2, nextText: "timeline trainium page 2" },
    confident: true,
  }),
  comparison: base("comparison", {
    query: "compare trainium tpu",
    headline: "Trainium vs TPU",
    summary: '"not in the knowledge base" marks an attribute the knowledge base has for one side only.',
    sections: [
      { table: { columns: ["Trainium", "TPU"], rows: [
        { label: "Kind", cells: [cell("chip"), cell("chip")] },
        { label: "Launch", cells: [cell("announced Dec 2020", ["f-trn1-announced"], [ARTICLE]), missing()] },
        { label: "Who uses it", cells: [cell("Anthropic", ["f-anthropic-trn"], [FILING]), cell("Anthropic", ["f-anthropic-tpu"], [ARTICLE])] },
      ] }, items: [] },
      { heading: "Statements naming Trainium and TPU", items: [item({ id: "f-both", text: "Anthropic splits its training across Trainium and TPUs." })] },
    ],
    suggestions: ["about trainium", "about tpu"],
    confident: true,
  }),
  list: base("list", {
    query: "what is happening now",
    headline: "3 events in 2024",
    sections: [{ items: [
      item({ id: "f-a", text: "Anthropic releases Claude 3.", date: date("2024-03") }),
      item({ id: "f-b", text: "AMD ships MI300X.", date: date("2024-H1") }),
      item({ id: "f-c", text: "Amazon adds $4B.", date: date("2024-11") }),
    ] }],
    suggestions: [],
    confident: true,
  }),
  entity: base("entity", {
    query: "about anthropic",
    headline: "Anthropic",
    summary: "AI safety company; maker of Claude. Also known as: Anthropic PBC.",
    sections: [
      { heading: "Key facts", items: [item({ id: "f-anthropic-founded", text: "Founded in 2021 by former OpenAI staff.", date: date("2021") })] },
      { heading: "Latest events", items: [item({ id: "f-claude-4", text: "Claude 4 released.", date: date("2025-05") })] },
    ],
    suggestions: ["timeline anthropic"],
    confident: true,
  }),
  sources: base("sources", {
    query: "sources",
    headline: "What aistack knows comes from 2 sources",
    sections: [{ items: [
      item({ id: "article", recordKind: "source", title: "Article", text: "stockmarketwatch.com, 14 Jun 2025 · Anthropic highlights", sources: [ARTICLE] }),
      item({ id: "aws-press", recordKind: "source", title: "AWS press release", text: "AWS press release, 25 Sep 2023", sources: [FILING] }),
    ] }],
    suggestions: [],
    confident: true,
  }),
  digest: base("digest", {
    query: "",
    headline: "aistack daily · 14 Jun 2026",
    sections: [
      { heading: "On this day", items: [item({ id: "f-x", text: "On 14 Jun 2023, something happened.", date: date("2023-06-14") })] },
      { heading: "Fact of the day", items: [item({ id: "f-y", text: "Inferentia is AWS's inference chip.", date: date("2019") })] },
      { heading: "Try asking", items: [item({ id: "q-1", recordKind: "question", title: "", text: "when was Trainium announced?", sources: [] })] },
    ],
    suggestions: [],
    confident: true,
  }),
  "no-answer": base("no-answer", {
    query: "who won the 1998 world cup",
    headline: "I don't know that one",
    summary: "aistack only knows about clouds, AI chips, models and the deals between them.",
    sections: [],
    suggestions: ["help", "sources"],
  }),
  ambiguous: base("ambiguous", {
    query: "about claud",
    headline: "Which one did you mean?",
    sections: [],
    suggestions: ["about Claude", "about Claude 3", "about Cloud TPU"],
  }),
  help: base("help", {
    query: "help",
    headline: "aistack: ask about the AI industry stack",
    summary: "Ask a question, or use a command.",
    sections: [{ items: [
      item({ id: "cmd-timeline", recordKind: "command", title: "timeline <entity or year>", text: "timeline <entity or year>: dated events", sources: [] }),
      item({ id: "cmd-compare", recordKind: "command", title: "compare <a> <b>", text: "compare <a> <b>: two things side by side", sources: [] }),
    ] }],
    suggestions: ["timeline trainium"],
  }),
  error: base("error", {
    query: "",
    headline: "Something went wrong",
    summary: "Try again in a moment.",
    sections: [],
    suggestions: [],
  }),
};

if (Object.keys(FIXTURES).length !== ANSWER_KINDS.length) throw new Error("a fixture per answer kind");

const INJECTION = "<!channel> <!here> <@U123> @everyone & <https://evil.example|click> @here";

/** Every string field carries mention-injection text, as if it came from a user or a hostile data file. */
export function hostileAnswer(): Answer {
  return base("fact", {
    query: INJECTION,
    headline: `${INJECTION} headline`,
    summary: `${INJECTION} summary`,
    sections: [{ heading: `${INJECTION} heading`, items: [
      item({ id: "f-hostile", title: `${INJECTION} title`, text: `${INJECTION} text`, date: date("2024"), conflictNotes: [`${INJECTION} note`], sources: [{ id: "s", label: `${INJECTION} source`, name: `${INJECTION} source`, kind: "article", url: "https://example.com/x|<!channel>" }] }),
    ] }],
    suggestions: [`${INJECTION} suggestion`],
    confident: true,
  });
}

/** An answer far over every Slack limit: long headline, hundreds of long items, many sources. */
export function hugeAnswer(items = 400): Answer {
  const long = "x".repeat(5000);
  return base("list", {
    query: "everything",
    headline: "H".repeat(400),
    summary: "S".repeat(4000),
    sections: [{ heading: "All", items: Array.from({ length: items }, (_, i) =>
      item({ id: `f-${i}`, title: `Item ${i}`, text: `${i}: ${long}`, date: date("2024-01"), sources: [{ id: `s${i}`, label: `Source number ${i} with a fairly long label`, name: `Source number ${i} with a fairly long label`, kind: "article", url: `https://example.com/${i}` }] })) }],
    suggestions: Array.from({ length: 30 }, (_, i) => `suggestion ${i}`),
    confident: true,
  });
}
