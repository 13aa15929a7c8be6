// zod schemas for the human-edited YAML files in data/. Cross-record checks (unknown ids, duplicates,
// dangling conflict links) live in validate.ts, since zod sees one record at a time.
import { z } from "zod";
import { parseKbDate } from "./dates.js";

/** Where this module lives: the loader's cache is keyed by its source, so a schema change invalidates it. */
export const SCHEMA_MODULE_URL = import.meta.url;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "ids are lowercase letters, digits and dashes");
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD");
// YAML reads 2023-09-25 as a Date and 2019 as a number: accept both, keep the text.
const dateText = z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === "number" ? String(v) : v), z.string());
const day = z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), isoDay);

export const kbDate = dateText.transform((text, ctx) => {
  const parsed = parseKbDate(text);
  if (typeof parsed === "string") {
    ctx.addIssue({ code: "custom", message: parsed });
    return z.NEVER;
  }
  return parsed;
});

export const TOPICS = ["clouds", "chips", "models", "investments", "people", "competition", "risks", "services"] as const;
export const topic = z.enum(TOPICS);

/** Every record says when it was added and last reviewed, so answers and the digest can show freshness. */
const freshness = { added: day, reviewed: day };

export const reference = z.object({
  source: id,
  section: id.optional(),
  /** the source's own words, short, for a reader who wants to check */
  quote: z.string().max(400).optional(),
}).strict();

export const ENTITY_KINDS = ["company", "division", "service", "product", "chip", "instance", "model", "person", "deal", "organization", "concept", "event"] as const;

export const entity = z.object({
  id,
  kind: z.enum(ENTITY_KINDS),
  name: z.string().min(1),
  /** other names, abbreviations, tickers and the article's misspellings */
  aliases: z.array(z.string().min(1)).default([]),
  description: z.string().min(1).max(400),
  /** the entity this one belongs to (a chip's maker, a person's employer) */
  parent: id.optional(),
  related: z.array(id).default([]),
  topics: z.array(topic).default([]),
  refs: z.array(reference).default([]),
  ...freshness,
}).strict();

export const FACT_STATUSES = ["stated", "disputed", "corrected"] as const;

/**
 * What a predicate's value is, and so which typed fields its statements must carry (checked in statements.ts):
 * money: qualifiers.amount + currency; percentage: amount + unit "percent"; count: amount + unit; date: date;
 * entity: object; reason: explains; quote: the speaker as subject; text: the value and text alone.
 */
export const VALUE_TYPES = ["money", "percentage", "count", "date", "entity", "text", "reason", "quote"] as const;
const predicateId = z.string().regex(/^[a-z][a-z0-9_]*$/, "predicates are snake_case");

/** One entry of the controlled list of predicates (data/predicates.yaml): every statement uses one of them. */
export const predicate = z.object({
  id: predicateId,
  type: z.enum(VALUE_TYPES),
  /** reads in a sentence: "Amazon <invested in> Anthropic" */
  label: z.string().min(1).max(60),
  /** the everyday words people use for it: "invest, back, bet, stake, put into, funding" */
  words: z.array(z.string().min(1)).min(1),
}).strict();

export const qualifiers = z.object({
  amount: z.number().optional(),
  currency: z.string().length(3).optional(),
  /** what the amount counts when not money: shares, percent, tokens, chips */
  unit: z.string().optional(),
  region: z.string().optional(),
  role: z.string().optional(),
  /**
   * how an amount is meant (committed vs funded, upfront vs over time, "up to", "about"); a money, percentage or
   * count statement without an amount must say here why ("approximate: dozens", "minority, not quantified")
   */
  basis: z.string().optional(),
}).strict();

/**
 * A fact is a statement, as in Wikidata: one claim (subject, predicate from the controlled list, typed value),
 * its qualifiers and date, and every place a source states it as a reference. The same claim is never stored
 * twice; where sources give different values, those are separate statements linked by a conflict.
 */
export const fact = z.object({
  id,
  subject: id,
  predicate: predicateId,
  /** the short human display of the value: "2020", "up to $4 billion", "Dave Brown" */
  value: z.string().min(1),
  /** one self-contained sentence a chat user can read alone, in the source's words as far as possible */
  text: z.string().min(1).max(600),
  /** the entity the value is, for entity predicates ("AWS offers SageMaker": object sagemaker); any statement may name its other party here */
  object: id.optional(),
  /** for reason predicates: the statement this one gives the reason for, or the mechanism of */
  explains: id.optional(),
  /** every entity the fact is about besides its subject */
  entities: z.array(id).default([]),
  date: kbDate.optional(),
  qualifiers: qualifiers.default({}),
  status: z.enum(FACT_STATUSES).default("stated"),
  /** words people use for this fact that its text lacks ("cost", "price", "funding") */
  keywords: z.array(z.string()).default([]),
  topics: z.array(topic).min(1),
  refs: z.array(reference).min(1),
  ...freshness,
}).strict();

export const section = z.object({ id, title: z.string().min(1) }).strict();

/** Where an ingested source was read from and by what (`npm run ingest`): enough to tell a changed post. */
export const provenance = z.object({
  /** the address (or saved file) the post was read from */
  origin: z.string().min(1),
  post_id: z.number().int().optional(),
  author: z.string().optional(),
  published_at: z.string().optional(),
  modified_at: z.string().optional(),
  fetched_at: z.string().min(1),
  content_hash: z.string().regex(/^sha256:[0-9a-f]{64}$/, "sha256:<64 hex digits>"),
  extractor: z.string().min(1),
}).strict();

export const source = z.object({
  id,
  kind: z.enum(["article", "public-record"]),
  title: z.string().min(1),
  publisher: z.string().min(1),
  /** only an address confirmed from a copy of the page; never a guessed one */
  url: z.string().url().optional(),
  published: dateText.optional(),
  /** how to find a source that has no confirmed url, or what a url-less record of it is based on */
  note: z.string().min(1).max(400).optional(),
  sections: z.array(section).default([]),
  provenance: provenance.optional(),
  ...freshness,
}).strict();

export const CONFLICT_KINDS = ["internal", "record", "uncertain"] as const;

export const conflict = z.object({
  id,
  /** number in kb-notes/seed-conflicts.md */
  number: z.number().int().positive().optional(),
  topic: z.string().min(1),
  kinds: z.array(z.enum(CONFLICT_KINDS)).min(1),
  /** the facts that disagree: the article's claims and, where known, the public record */
  claims: z.array(id).min(1),
  /** one short line shown under any answer that uses a claim: "The article also says …; public record: …" */
  note: z.string().min(1).max(300),
  refs: z.array(reference).default([]),
  ...freshness,
}).strict();

/**
 * One group of the domain lexicon (data/lexicon.yaml): words and phrases people use for one idea in this field
 * ("invest, back, bet, put into"), so a question in other words than the knowledge base's still finds it.
 */
export const lexiconGroup = z.object({
  id,
  /** single words or short phrases, lowercase; a phrase matches its words in order */
  words: z.array(z.string().regex(/^[a-z0-9][a-z0-9 '&-]*$/, "lowercase words and phrases")).min(2),
  /** why these belong together, for the reviewer */
  note: z.string().optional(),
}).strict();

/** Good questions for autocomplete and the digest's "Try asking". */
export const suggestedQuestion = z.object({
  id,
  question: z.string().min(1).max(100),
  topics: z.array(topic).min(1),
  ...freshness,
}).strict();

export type Reference = z.infer<typeof reference>;
export type Predicate = z.infer<typeof predicate>;
export type ValueType = (typeof VALUE_TYPES)[number];
export type Entity = z.infer<typeof entity>;
export type Fact = z.infer<typeof fact>;
export type Source = z.infer<typeof source>;
export type Provenance = z.infer<typeof provenance>;
export type Conflict = z.infer<typeof conflict>;
export type SuggestedQuestion = z.infer<typeof suggestedQuestion>;
export type LexiconGroup = z.infer<typeof lexiconGroup>;
export type Topic = z.infer<typeof topic>;
export type FactStatus = (typeof FACT_STATUSES)[number];
