// One WordPress post → sections and draft statements: each sentence read for its entities, date (with
// precision), amounts and a predicate guess, and kept with its quote and section.
import { createHash } from "node:crypto";
import type { Fact, Topic } from "../kb/schema.js";
import type { KnowledgeBase } from "../kb/types.js";
import { words } from "../core/text.js";
import { findAmounts, type AmountMention } from "./amounts.js";
import { findDates } from "./dates.js";
import type { EntityFinder } from "./entity-finder.js";
import { sectionsOf } from "./html-sections.js";
import { sentencesOf } from "./sentences.js";
import { INGEST_LIMITS } from "./settings.js";
import { chooseSubject, guessPredicate, keywordsFor, predicateSpecs, typedFields, type PredicateSpec, type SentenceReading } from "./statement-shape.js";

/** A statement candidate: a Fact without its id, refs, status and review dates (accepting adds those). */
export type DraftStatement = Pick<Fact, "subject" | "predicate" | "value" | "text" | "entities" | "qualifiers" | "keywords" | "topics"> & { date?: string; object?: string };

export interface ExtractedDraft {
  /** stable across runs: derived from the quote, so a re-ingest recognises what it has seen */
  id: string;
  section: string;
  quote: string;
  statement: DraftStatement;
  /** every amount the sentence carries, for the reviewer (the statement records one) */
  amounts: AmountMention[];
  /** the sentence names a known entity (else the subject is the post's main one) */
  namesEntity: boolean;
}

export interface Extraction {
  sections: { id: string; title: string }[];
  sentences: number;
  drafts: ExtractedDraft[];
  /** capitalised names no known entity matched, with how often they occur */
  candidates: { name: string; count: number }[];
}

export function extractPost(html: string, kb: KnowledgeBase, finder: EntityFinder, published: Date): Extraction {
  const sections = sectionsOf(html);
  const readings: { section: string; reading: SentenceReading; clause?: string }[] = [];
  const candidateCounts = new Map<string, number>();
  const mentions = new Map<string, number>();
  for (const section of sections) {
    for (const block of section.blocks) {
      for (const sentence of sentencesOf(block.text)) {
        if (sentence.split(/\s+/).length < INGEST_LIMITS.minSentenceWords) continue;
        const entities = finder.find(sentence);
        for (const e of entities) mentions.set(e.id, (mentions.get(e.id) ?? 0) + 1);
        for (const name of finder.unknownNames(sentence)) candidateCounts.set(name, (candidateCounts.get(name) ?? 0) + 1);
        const dates = findDates(sentence, published);
        const amounts = findAmounts(sentence);
        const date = dates[0]?.value ?? block.leadDate;
        const distinct = [...new Map(dates.map((d) => [d.value, d])).values()];
        if (distinct.length < 2) {
          readings.push({ section: section.id, reading: { sentence, entities, dates, amounts, ...(date ? { date } : {}) } });
          continue;
        }
        // "SageMaker (launched in 2017) … and Bedrock (introduced 2023)": one statement per date, about the
        // entities nearest to it
        for (const d of distinct) {
          const at = wordIndex(sentence, d.index);
          const near = [...entities].sort((a, b) => Math.abs(a.position - at) - Math.abs(b.position - at));
          readings.push({ section: section.id, clause: d.value, reading: { sentence, entities: near, dates, amounts, date: d.value } });
        }
      }
    }
  }
  // A sentence that names nothing known is about what the post is mostly about.
  const main = [...mentions.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? kb.entities[0]?.id ?? "unknown";
  const drafts: ExtractedDraft[] = [];
  const seen = new Set<string>();
  const specs = predicateSpecs(kb);
  for (const { section, reading, clause } of readings) {
    const quote = clip(reading.sentence, INGEST_LIMITS.maxQuoteChars);
    const id = draftId(quote, clause);
    if (seen.has(id)) continue;
    seen.add(id);
    drafts.push({ id, section, quote, statement: statementOf(reading, kb, main, specs), amounts: reading.amounts, namesEntity: reading.entities.length > 0 });
  }
  const candidates = [...candidateCounts.entries()]
    .filter(([, count]) => count >= INGEST_LIMITS.candidateEntityMinCount)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name, count]) => ({ name, count }));
  return { sections: sections.map((s) => ({ id: s.id, title: s.title })), sentences: readings.length, drafts, candidates };
}

function statementOf(r: SentenceReading, kb: KnowledgeBase, main: string, specs: PredicateSpec[]): DraftStatement {
  const spec = guessPredicate(specs, r);
  const subject = chooseSubject(spec, r.entities, main);
  const fields = typedFields(spec, r, subject, (id) => kb.entityById.get(id)?.name ?? id);
  const entities = [...new Set(r.entities.map((e) => e.id))].filter((id) => id !== subject && id !== fields.object);
  const text = clip(r.sentence, INGEST_LIMITS.maxStatementChars);
  return { ...fields, text, entities, keywords: keywordsFor(spec, text), topics: topicsOf([subject, ...(fields.object ? [fields.object] : []), ...entities], kb, spec.type) };
}

/** The topics of the entities a statement names, money statements also under investments; never empty. */
function topicsOf(ids: string[], kb: KnowledgeBase, type: string): Topic[] {
  const topics = new Set<Topic>();
  if (type === "money") topics.add("investments");
  for (const id of ids) for (const t of kb.entityById.get(id)?.topics ?? []) if (topics.size < 3) topics.add(t);
  if (topics.size === 0) topics.add("competition");
  return [...topics];
}

/** A sentence's draft id; a sentence with several dates has one draft per date, told apart by the date. */
export const draftId = (quote: string, clause?: string) => `d-${createHash("sha256").update(normalizeQuote(quote) + (clause ? `\0${clause}` : "")).digest("hex").slice(0, 8)}`;

/** The word position (as words() counts) of a character offset: to compare with entity positions. */
const wordIndex = (sentence: string, offset: number) => words(sentence.slice(0, offset)).length;

/** Quotes compare with whitespace and typographic quotes folded. */
export const normalizeQuote = (s: string) => s.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, " ").trim();

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1).replace(/\s+\S*$/, "")}…`);
