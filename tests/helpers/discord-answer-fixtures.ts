// Fixed, hand-built Answers, one per answer kind, for the Discord renderer's golden tests (and a huge one for limits).
// They follow the neutral model in src/core/answer.ts; wording is illustrative, not from the core.
import { finishAnswer, NOT_IN_KB, type Answer, type AnswerItem, type AnswerKind, type SourceRef, type TableCell } from "../../src/core/answer.js";
import { kbDate } from "./kb-date.js";

const date = kbDate;

const ARTICLE: SourceRef = { id: "article", label: "stockmarketwatch.com, 14 Jun 2025 · Anthropic highlights", name: "stockmarketwatch.com, 14 Jun 2025", section: "Anthropic highlights", kind: "article", published: "2025-06-14", url: "https://example.org/article#anthropic" };
const PUBLIC: SourceRef = { id: "aboutamazon", label: "About Amazon press release, 25 Sep 2023", name: "About Amazon press release, 25 Sep 2023", kind: "public-record", published: "2023-09-25", url: "https://example.org/press" };
const NO_URL: SourceRef = { id: "filing", label: "SEC filing (public record)", name: "SEC filing (public record)", kind: "public-record" };

const cell = (text: string, ids: string[], sources: SourceRef[]): TableCell => ({ text, ids, sources });

const item = (over: Partial<AnswerItem> & Pick<AnswerItem, "id" | "title" | "text">): AnswerItem => ({
  recordKind: "fact", entities: [], sources: [ARTICLE], conflictNotes: [], score: 0.9, ...over,
});

type Spec = Omit<Answer, "fallbackText" | "query" | "suggestions" | "confident" | "sections"> & Partial<Pick<Answer, "query" | "suggestions" | "confident" | "sections">>;
const make = (spec: Spec): Answer => finishAnswer({ query: "", suggestions: [], confident: true, sections: [], ...spec });

export const FIXTURES: Record<AnswerKind, Answer> = {
  fact: make({
    kind: "fact",
    query: "how much did Amazon invest in Anthropic?",
    headline: "Amazon committed up to $8 billion to Anthropic in two steps.",
    summary: "$4 billion announced in Sep 2023, another $4 billion in Nov 2024.",
    reviewed: "2025-06-20",
    sections: [{
      items: [
        item({ id: "f-amzn-anthropic-1", title: "Amazon invests $4B", text: "Amazon agreed to invest up to $4 billion in Anthropic.", date: date("2023-09-25"), status: "stated", entities: ["amazon", "anthropic"], sources: [PUBLIC, ARTICLE] }),
        item({ id: "f-amzn-anthropic-2", title: "Amazon invests another $4B", text: "Amazon invested a further $4 billion.", date: date("2024-11"), entities: ["amazon", "anthropic"], conflictNotes: ["The article says late 2024; the press release says 22 Nov 2024."] }),
      ],
    }],
    suggestions: ["timeline anthropic", "compare amazon google"],
  }),
  timeline: make({
    kind: "timeline",
    query: "trainium",
    headline: "Trainium: timeline",
    reviewed: "2025-06-20",
    paging: { page: 2, pageCount: 4, total: 34, next: 3, nextText: "timeline trainium page 3" },
    sections: [{
      items: [
        item({ id: "f-trn1-announce", title: "Trainium announced", text: "AWS announced Trainium, its training chip.", date: date("2020-12") }),
        item({ id: "f-trn2-ga", title: "Trainium2 available", text: "Trainium2 instances became generally available.", date: date("2024-Q4"), status: "corrected", sources: [NO_URL] }),
        item({ id: "f-trn3", title: "Trainium3 planned", text: "Trainium3 was expected.", date: date("late 2025"), status: "disputed", conflictNotes: ["The article says 2025; a public source says 2026."] }),
        item({ id: "f-range", title: "Project Rainier build-out", text: "A cluster of Trainium2 chips was built for Anthropic.", date: date("2024..2025") }),
      ],
    }],
  }),
  comparison: make({
    kind: "comparison",
    query: "compare trainium tpu",
    headline: "Trainium vs TPU",
    summary: '"not in the knowledge base" marks an attribute the knowledge base has for one side only.',
    sections: [
      { table: { columns: ["Trainium", "TPU"], rows: [
        { label: "Made by", cells: [cell("Amazon Web Services", ["e-trainium"], [ARTICLE]), cell("Google", ["e-tpu"], [PUBLIC])] },
        { label: "Launch", cells: [cell("announced Dec 2020", ["f-trn1-announce"], [ARTICLE]), { text: NOT_IN_KB, ids: [], sources: [], missing: true }] },
      ] }, items: [] },
      { heading: "Statements naming Trainium and TPU", items: [item({ id: "f-both", title: "Both", text: "Anthropic trains on Trainium and on TPUs." })] },
    ],
  }),
  list: make({
    kind: "list",
    query: "what is still happening today",
    headline: "3 events in 2024",
    sections: [{ items: [
      item({ id: "f-a", title: "A", text: "First thing.", date: date("2024-01-15") }),
      item({ id: "f-b", title: "B", text: "Second thing.", date: date("2024-H1") }),
      item({ id: "f-c", title: "C", text: "Third thing.", date: date("2024") }),
    ] }],
  }),
  entity: make({
    kind: "entity",
    query: "about anthropic",
    headline: "Anthropic",
    summary: "AI safety company that makes the Claude models. Also known as: Anthropic PBC.",
    reviewed: "2025-06-01",
    sections: [
      { heading: "Key facts", items: [item({ id: "f-founded", title: "Founded", text: "Founded by former OpenAI researchers.", date: date("2021") })] },
      { heading: "Latest events", items: [item({ id: "f-amzn-anthropic-2", title: "Amazon investment", text: "Amazon invested a further $4 billion.", date: date("2024-11") })] },
    ],
    suggestions: ["timeline anthropic"],
  }),
  sources: make({
    kind: "sources",
    query: "sources",
    headline: "What aistack knows and where it comes from",
    summary: "One article plus named public records.",
    sections: [{ items: [
      item({ id: "article", recordKind: "source", title: "stockmarketwatch.com article", text: "The article this knowledge base is built from.", sources: [ARTICLE] }),
      item({ id: "aboutamazon", recordKind: "source", title: "About Amazon", text: "Press releases used to confirm dates.", sources: [PUBLIC] }),
    ] }],
  }),
  digest: make({
    kind: "digest",
    query: "",
    headline: "AI stack digest · 25 Sep",
    sections: [
      { heading: "On this day", items: [item({ id: "f-amzn-anthropic-1", title: "Amazon invests $4B", text: "Amazon agreed to invest up to $4 billion in Anthropic.", date: date("2023-09-25"), sources: [PUBLIC] })] },
      { heading: "Did you know", items: [item({ id: "f-trn1-announce", title: "Trainium", text: "AWS announced Trainium in Dec 2020.", date: date("2020-12") })] },
    ],
  }),
  "no-answer": make({
    kind: "no-answer",
    query: "who won the 1998 world cup?",
    headline: "I don't know that from my sources.",
    summary: "aistack only answers from its knowledge base about clouds, AI chips, models and deals.",
    confident: false,
    suggestions: ["ask when was Trainium announced?", "help"],
  }),
  ambiguous: make({
    kind: "ambiguous",
    query: "about tpu",
    headline: "Which one did you mean?",
    confident: false,
    suggestions: ["about TPU v5e", "about TPU v4", "about Trillium"],
  }),
  help: make({
    kind: "help",
    query: "help",
    headline: "How to use aistack",
    summary: "Ask about clouds, AI chips, models and the deals between them. Every answer cites its source.",
    sections: [{ items: [
      item({ id: "ask", recordKind: "command", title: "/aistack ask", text: "Ask a question in plain words", sources: [] }),
      item({ id: "timeline", recordKind: "command", title: "/aistack timeline", text: "Dated events for a company, product, chip or year", sources: [] }),
    ] }],
  }),
  error: make({ kind: "error", query: "", headline: "You need permission to manage this channel to change quick answers.", summary: "Ask a channel manager.", confident: false }),
};

/** An answer far past every Discord limit: a 400-char headline, 300 long items, 40 headed sections, 60 sources, mention bait. */
export function hugeAnswer(): Answer {
  const long = (n: number) => "Lorem ipsum dolor sit amet, ".repeat(Math.ceil(n / 28)).slice(0, n);
  const sources: SourceRef[] = Array.from({ length: 60 }, (_, i) => ({ id: `s${i}`, label: `Source number ${i} ${long(80)}`, name: `Source number ${i} ${long(80)}`, kind: "article" as const, url: `https://example.org/${i}` }));
  const items = Array.from({ length: 300 }, (_, i) => item({ id: `f${i}`, title: `Item ${i}`, text: `@everyone ${long(400)}`, date: date("2024-05-01"), sources: [sources[i % 60]!], conflictNotes: i % 5 === 0 ? [long(300)] : [] }));
  return make({
    kind: "timeline",
    query: "everything",
    headline: "H".repeat(400),
    summary: long(5000),
    sections: [{ items }, ...Array.from({ length: 40 }, (_, s) => ({ heading: `Section ${s} ${long(300)}`, items: items.slice(s, s + 20) }))],
    suggestions: Array.from({ length: 50 }, (_, i) => `ask question ${i} ${long(60)}`),
  });
}
