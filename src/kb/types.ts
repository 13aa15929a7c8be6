import type { Conflict, Entity, Fact, LexiconGroup, Predicate, Source, SuggestedQuestion } from "./schema.js";

/** The loaded, validated, frozen knowledge base. Built once at start (or on a good reload), never mutated. */
export interface KnowledgeBase {
  readonly entities: readonly Entity[];
  /** the statements; see the fact schema */
  readonly facts: readonly Fact[];
  /** the controlled list of predicates every statement uses */
  readonly predicates: readonly Predicate[];
  readonly sources: readonly Source[];
  readonly conflicts: readonly Conflict[];
  readonly questions: readonly SuggestedQuestion[];
  /** the domain lexicon: groups of words people use for one idea */
  readonly lexicon: readonly LexiconGroup[];
  readonly entityById: ReadonlyMap<string, Entity>;
  readonly factById: ReadonlyMap<string, Fact>;
  readonly predicateById: ReadonlyMap<string, Predicate>;
  readonly sourceById: ReadonlyMap<string, Source>;
  /** conflicts that name each fact id */
  readonly conflictsByFact: ReadonlyMap<string, readonly Conflict[]>;
  /** a short content hash, so logs and caches can tell two versions apart */
  readonly version: string;
}

/** One problem in the data files, precise enough to fix without searching. */
export interface DataProblem {
  file: string;
  record: string;
  field: string;
  reason: string;
}

/** A record with where it was read from, for problems that name file and record. */
export interface Located<T> {
  file: string;
  index: number;
  record: T;
}

/** Every record read from data/, by section, before cross-record checks. */
export interface RecordSets {
  entities: Located<Entity>[];
  facts: Located<Fact>[];
  predicates: Located<Predicate>[];
  sources: Located<Source>[];
  conflicts: Located<Conflict>[];
  questions: Located<SuggestedQuestion>[];
  lexicon: Located<LexiconGroup>[];
}
