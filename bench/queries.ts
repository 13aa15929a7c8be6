// Seeded questions, each generated from one fact of a knowledge base (shipped or synthetic), in the phrasings
// people use: exact keyword queries, when / how much / timeline questions, aliases instead of names, and
// typos. `top1` is then "the core's first answer item is the fact the question was generated from".
import Fuse from "fuse.js";
import type { Fact } from "../src/kb/schema.js";
import type { KnowledgeBase } from "../src/kb/types.js";
import { misspell, pick, rng } from "./synthetic.js";

export type Phrasing = "exact" | "when" | "how-much" | "timeline" | "what";
export interface BenchQuery {
  text: string;
  /** the fact the question was generated from */
  factId: string;
  phrasing: Phrasing;
  alias: boolean;
  typo: boolean;
}

const STOP = new Set(
  "a an the and or of to in on at by for from with as is was were be its it this that their his her has had have into than per over will would which who when what how much many did does do after before first half second between early late mid billion million percent hour data".split(" "),
);
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const MONTH_WORDS = new Set(MONTHS.flatMap((m) => [m.toLowerCase(), m.slice(0, 3).toLowerCase()]));
const tokens = (s: string) => s.toLowerCase().split(/[^a-z0-9$%.]+/).filter(Boolean);

/** Words of a fact that are not its subject's names, not stopwords, not numbers: rarest first. */
function contentWords(f: Fact, kb: KnowledgeBase, df: Map<string, number>): string[] {
  const names = new Set<string>();
  for (const id of [f.subject, ...f.entities]) {
    const e = kb.entityById.get(id);
    if (e) for (const n of [e.name, ...e.aliases]) for (const w of tokens(n)) names.add(w);
  }
  const ws = [...new Set(tokens(f.text))].filter((w) => w.length > 2 && !STOP.has(w) && !MONTH_WORDS.has(w) && !names.has(w) && !/[\d$%.]/.test(w));
  return ws.sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0) || a.localeCompare(b));
}

/** How a user would name a date: the year, or month and year for precise ones. */
function dateWords(f: Fact, r: () => number): string | undefined {
  if (!f.date) return undefined;
  const y = f.date.start.slice(0, 4);
  if ((f.date.precision === "day" || f.date.precision === "month") && r() < 0.5) return `${MONTHS[Number(f.date.start.slice(5, 7)) - 1]} ${y}`;
  return y;
}

function typo(r: () => number, text: string): string {
  const ws = text.split(" ");
  const long = ws.map((w, i) => [w, i] as const).filter(([w]) => /^[A-Za-z]{6,}$/.test(w));
  if (!long.length) return text;
  const [w, i] = pick(r, long);
  ws[i] = misspell(r, w);
  return ws.join(" ");
}

/** `n` questions over distinct facts chosen with a fixed seed; half carry one typo. */
export function makeQueries(kb: KnowledgeBase, n: number, seed = 7): BenchQuery[] {
  const r = rng(seed);
  const df = new Map<string, number>();
  for (const f of kb.facts) for (const w of new Set(tokens(f.text))) df.set(w, (df.get(w) ?? 0) + 1);
  const facts = kb.facts.filter((f) => kb.entityById.has(f.subject));
  const chosen = new Set<number>();
  const count = Math.min(n, facts.length);
  const out: BenchQuery[] = [];
  while (out.length < count) {
    let i = Math.floor(r() * facts.length);
    if (chosen.has(i)) {
      if (chosen.size >= facts.length) chosen.clear();
      continue;
    }
    chosen.add(i);
    const f = facts[i]!;
    const subject = kb.entityById.get(f.subject)!;
    const useAlias = subject.aliases.length > 0 && r() < 0.3;
    const name = useAlias ? pick(r, subject.aliases) : subject.name;
    const other = f.entities.map((id) => kb.entityById.get(id)?.name).find(Boolean);
    const words = contentWords(f, kb, df);
    const w1 = words[0] ?? f.predicate.replace(/_/g, " ");
    const w2 = words[1];
    const when = dateWords(f, r);
    const options: Phrasing[] = ["exact", "what"];
    if (f.date) options.push("when", "when", "timeline");
    if (f.qualifiers.amount !== undefined) options.push("how-much", "how-much");
    const phrasing = pick(r, options);
    let text: string;
    switch (phrasing) {
      case "exact":
        text = [name, w1, w2].filter(Boolean).join(" ");
        break;
      case "when":
        text = `When did ${name} ${w1}${other && r() < 0.5 ? ` ${other}` : w2 ? ` ${w2}` : ""}?`;
        break;
      case "how-much":
        text = `How much ${r() < 0.5 ? "did" : "was"} ${name} ${w1}${other ? ` ${other}` : ""}${when && r() < 0.4 ? ` in ${when}` : ""}?`;
        break;
      case "timeline":
        text = r() < 0.5 ? `What happened with ${name} ${w1} in ${when}?` : `${name} ${w1} timeline ${when}`;
        break;
      default:
        text = `What ${r() < 0.5 ? "about" : "is"} ${name} ${w1}${w2 ? ` ${w2}` : ""}${when && r() < 0.3 ? ` ${when}` : ""}?`;
    }
    const withTypo = out.length % 2 === 1;
    const final = withTypo ? typo(r, text) : text;
    out.push({ text: final, factId: f.id, phrasing, alias: useAlias, typo: final !== text });
  }
  return out;
}

/** Partial names as typed into Discord's autocomplete: prefixes of names and aliases, some with a typo. */
export function makePartials(kb: KnowledgeBase, n: number, seed = 11): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const e = pick(r, kb.entities);
    const label = r() < 0.3 && e.aliases.length ? pick(r, e.aliases) : e.name;
    const len = 2 + Math.floor(r() * 7);
    const p = label.slice(0, len);
    out.push(i % 4 === 3 && p.length >= 5 ? misspell(r, p) : p);
  }
  return out;
}

/**
 * The baseline a user would pick instead: plain fuse.js, default options, over the facts' text fields
 * (text, value, keywords, and the subject's name and aliases, so it sees what the question names).
 */
export function baselineIndex(kb: KnowledgeBase): Fuse<{ id: string; text: string; value: string; keywords: string[]; subject: string; aliases: string[] }> {
  const docs = kb.facts.map((f) => {
    const s = kb.entityById.get(f.subject);
    return { id: f.id, text: f.text, value: f.value, keywords: [...f.keywords], subject: s?.name ?? f.subject, aliases: [...(s?.aliases ?? [])] };
  });
  return new Fuse(docs, { keys: ["text", "value", "keywords", "subject", "aliases"] });
}
