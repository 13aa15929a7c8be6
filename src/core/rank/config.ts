// Every tuned number of the query core, in one frozen place, each with the reason it has its value. Fitted on the
// dev sets and tests/eval/holdout-a.jsonl; checked on tests/eval/holdout-b.jsonl (see README: Answer quality).
// Change one, run `npm run eval`, and review the diff of tests/eval/top3.snapshot.json.

/** Typo repair of question words (src/core/understand/spelling.ts). */
export const SPELLING = Object.freeze({
  /** words of 4–7 letters may carry one typo; three letters are too short to tell a typo from another word */
  oneEditFrom: 4,
  /** from 8 letters, two typos ("headquartred", "posistioned") still leave the word recognisable */
  twoEditsFrom: 8,
  /** an omitted, doubled or swapped letter is the commonest typo, so such a candidate wins a tie */
  likelyTypoBonus: 0.4,
  /** a knowledge-base word wins a tie against another English word: it is what the question is about */
  kbWordBonus: 0.2,
  /** popularity tie-breaks are worth less than one edit in total */
  maxPopularity: 0.3,
  /** per knowledge-base record using the candidate word */
  perRecord: 0.01,
  /** per position in the common-word ranking (0.3 at rank 0, nothing from rank 30,000) */
  perRank: 0.00001,
  /** an English word rarer than this (zxcvbn rank) next to a knowledge-base word is read as a typo of it */
  rareWordRank: 20_000,
  /**
   * a word rarer than this (zxcvbn rank) that is two letters of a grammar word swapped is that word: "dose" (6,472)
   * is "does" (198), "fro" is "for"; "form" (1,256) and "saw" stay, since people mean them
   */
  swappedGrammarRank: 2_000,
  /** readings kept per core, so a repeated question costs no second search */
  cacheSize: 20_000,
});

/** WordNet synonyms and derivations (src/lexicon/wordnet.ts). */
export const THESAURUS = Object.freeze({
  /** only a word's two most frequent senses: rarer senses are mostly noise for chat questions ("bet" as a wager on horses) */
  senses: 2,
  /** a synonym of the first sense is nearly the word; of the second, less so */
  synonymCredit: Object.freeze([0.7, 0.55]),
  /** a derivation ("announcement" ↔ "announce") is the same idea in another part of speech */
  derivationCredit: 0.8,
});

/** How a question word reaches a record's words (src/core/fact-index.ts, expand). */
export const EXPANSION = Object.freeze({
  /** a repaired typo is almost surely the word, but a wrong repair must not outweigh an exact match */
  repairedCredit: 0.85,
  /** a domain-lexicon neighbour ("bet" for "invest") was reviewed to mean the same idea here */
  lexiconCredit: 0.8,
  /** WordNet credits (0.55–0.8, see THESAURUS) are general English: scaled down so the reviewed lexicon leads */
  thesaurusScale: 0.9,
  /** a word known only through a neighbour weighs less than one the records use themselves */
  indirectWeight: 0.8,
});

/** Ranking: which record answers best (src/core/rank/). Every factor is a multiplier in 0..1 (a few exceed 1 slightly to break ties). */
export const RANK = Object.freeze({
  /** with entities named, the words count from this floor up to 1: the entities carry the rest of the match */
  namedWordFloor: 0.4,
  /** without entities named, the words are all a question has: coverage is squared so a partial match sinks */
  unnamedExponent: 2,
  /** with no content words at all (a bare name), a record naming the entity is a fair but not full match */
  noTermsFit: 0.85,
  /**
   * "what is bedrock", "who is gil luria": a description asked with no words beyond the name is answered by the
   * entity's own card first; without this, any one-line record naming it ties with the card and wins on length
   */
  definesFactor: 1.1,
  /**
   * a question word met only by the title of the section a record cites ("stake" from "Amazon's Equity Stake in
   * AMD" on a record about Lisa Su's role) earns this share of its credit: "per the table" still finds the table's
   * records, but a section's topic does not make each of its records about it (0.5 and 0.7 measured alike; 0.7
   * keeps more of a titled section's own topic, "co-design")
   */
  placeCredit: 0.7,
  /** the head noun of "which <noun>" / "how many <noun>" weighs double among the words */
  headTermWeight: 2,
  /**
   * matching across clauses of one record counts a little less than within one clause: most records are one claim
   * now, but a quote with its speaker ("X said: …") or a claim with its reason still has two parts
   */
  wholeFactDiscount: 0.85,
  /** records scoring at or below this are dropped */
  minKept: 0.05,
  /** records whose best possible score is below this skip the clause-by-clause pass */
  pruneBelow: 0.3,
  /** at most this many records are scored for one question (keeps a question's cost flat at 100k records) */
  maxCandidates: 150,
});

/** How a record names the entities asked about (rank/factors.ts, entityMatch). */
export const ENTITY_MATCH = Object.freeze({
  subject: 1,
  /** named as the object or among the entities: it is about it, but not its subject */
  named: 0.92,
  /** asked about a whole (Trainium), a record about a part (Trn1) answers well */
  child: 0.7,
  /** asked about a part (Trn1), a record about the whole (Trainium) answers only loosely */
  parent: 0.4,
  related: 0.3,
  /** a record that names none of them can still match on words, barely */
  none: 0.15,
  /**
   * "besides AWS, who else supplies Saudi": a record whose subject or object is a name the question sets aside answers
   * what the asker already knows; it still ranks (it may be all there is), below records about someone else.
   */
  setAside: 0.6,
  /** …and lower still when the set-aside name is the record's subject, the one who acts: "who else" asks for another. */
  setAsideSubject: 0.4,
  /**
   * A name from an earlier part of the question weighs this share of its own weight in a later part that names
   * something else: "when was the humain thing and how much did aws put in" asks about AWS's money for HUMAIN.
   */
  context: 0.5,
});

/**
 * Answer-type fit (rank/factors.ts, typeFit): for each asked type, the fit of a record holding each value type;
 * `miss` for a record holding none of them. A record of the wrong type can still lead when nothing fits better.
 */
export const TYPE_FIT: Readonly<Record<string, Readonly<Record<string, number>>>> = Object.freeze({
  date: { event: 1, date: 0.93, miss: 0.6 },
  money: { exactMoney: 1, money: 0.92, count: 0.75, percentage: 0.75, miss: 0.5 },
  percentage: { exactPercentage: 1, percentage: 0.95, count: 0.85, money: 0.8, miss: 0.6 },
  count: { exactCount: 1, count: 0.95, money: 0.75, percentage: 0.75, miss: 0.55 },
  /** "how much cheaper / faster": any amount states the difference */
  amount: { money: 1, percentage: 1, count: 1, miss: 0.5 },
  /** "who designs …": a person or an organisation answers equally */
  person: { person: 1, organization: 1, quote: 0.9, miss: 0.65 },
  /** "the name of the exec who …": only a person answers */
  personOnly: { person: 1, organization: 0.8, quote: 0.85, miss: 0.6 },
  organization: { organization: 1, person: 0.85, miss: 0.65 },
  place: { place: 1, miss: 0.6 },
  name: { entity: 1, miss: 0.6 },
  duration: { event: 1, date: 0.95, miss: 0.6 },
  reason: { reason: 1, quote: 0.85, miss: 0.75 },
  purpose: { purpose: 1, reason: 0.9, miss: 0.8 },
  quote: { quote: 1, miss: 0.6 },
  mechanism: { reason: 1, miss: 0.9 },
});

/**
 * Why/how/what-for questions (rank/novelty.ts): a record whose own words are nearly all the question's restates
 * it and explains nothing; it ranks below records that add something. 0.25: "AWS is a distribution channel for
 * AI models" adds only "AI models" (novelty 0) to "why is AWS a good distribution channel"; real reasons score
 * 0.5 and up on the dev questions.
 */
export const RESTATES = Object.freeze({ minNovelty: 0.25, factor: 0.6 });

/** Who-questions: a record whose subject is a person or organisation the question did not name answers best. */
export const TYPE_ROLE = Object.freeze({ newSubject: 1.1 });

/**
 * The question's focus noun is one of a predicate's everyday words (data/predicates.yaml: "ceo" for holds_role):
 * a record stating that relation answers it better than one that only uses the word ("Amazon CEO Andy Jassy said").
 */
export const PREDICATE_ASKED = Object.freeze({ factor: 1.15 });

/** "Which chips / instances / models …" (rank/factors.ts, kindFit): records naming new entities of that kind. */
export const KIND_FIT = Object.freeze({ many: 1, one: 0.95, none: 0.85 });

/** Date fit (rank/factors.ts, dateFit). */
export const DATE_FIT = Object.freeze({
  inside: 1,
  /** "2023" for "March 2023": overlapping is not inside */
  overlaps: 0.7,
  outside: 0.3,
  /** an undated record for a dated question: the date the question names is as telling as a name */
  undated: 0.45,
  /**
   * "why did aws start using amd cpus in 2018": the date names the event to explain; the reason is often stated
   * undated, so it fits better than an undated statement does a when-question, but a reason dated in the span still
   * leads (measured: 0.95 and 0.8 let undated quotes displace it)
   */
  undatedReason: 0.7,
  /** as-of questions: an undated record, and one dated after the cut-off */
  asOfUndated: 0.5,
  asOfAfter: 0.25,
});

/** Record status and kind (rank/factors.ts, statusFit). */
export const STATUS_FIT = Object.freeze({
  /** the public record is shown beside the article's claims (as a note) unless asked for */
  correctedUnasked: 0.8,
  /** an entity's description answers "what is X?" and little else */
  descriptionOther: 0.8,
  /** a "what is X …" question with more words than the name is better answered by a statement saying them */
  descriptionWithTerms: 0.95,
  conflictAsked: 1.05,
  conflictUnasked: 0.6,
});

/** Long records match more words by their length alone; a focused record is the better answer (as in BM25). */
export const LENGTH_FIT = Object.freeze({ base: 1.08, slope: 0.08, floor: 0.92, ceiling: 1.04 });

/** Reason statements and the claims they explain (rank/rank.ts, inheritFromExplained). */
export const EXPLAINED = Object.freeze({
  /** a reason matches a why-question almost as well as its claim does; its own type fit then puts it first */
  inherit: 0.98,
  /** for "how …" questions a mechanism is one answer among others: it inherits less */
  inheritMechanism: 0.85,
  /** share of the inherited fit that depends on the reason's own words: breaks ties among a claim's reasons */
  ownWords: 0.15,
});

/** "first"/"latest": among records within this share of the best score, the earliest or newest leads. */
export const ORDINAL = Object.freeze({ near: 0.95 });

/** May we answer at all? (src/core/answerability.ts) */
export const ANSWERABILITY = Object.freeze({
  /** below this the best record is no answer, whatever else fits */
  minScore: 0.3,
  /** with entities named and matched, words matter less (paraphrased verbs: "pull out of" for "declined") */
  minScoreNamed: 0.2,
  /** a focus noun is met only by variants this strong (the word, a repaired typo, the domain lexicon) */
  focusCredit: 0.8,
  /** an English noun rarer than this (zxcvbn frequency rank) that the knowledge base never uses names an unknown topic */
  rareRank: 20_000,
  /**
   * a value question's words must meet a typed record's, except everyday phrasing: the most common English words
   * ("come", "first", "out"; zxcvbn rank below this) and common words that are no noun ("came", "apart", "gotten")
   */
  phrasingRank: 200,
  phrasingVerbRank: 1500,
  /** a record holds the asked type when its type fit reaches this (a company answers "who" nearly as well as a person) */
  typeHeld: 0.9,
  /** without any entity named, the best record must cover this share of the question's words */
  unnamedCoverage: 0.6,
  /** a record naming the entities asked about at least this well counts as about them */
  aboutEntities: 0.5,
  /** records within this share of the best score are the ones a type or focus check looks at */
  considered: 0.6,
  /** at and above: answer plainly; quick answers in channels need it too */
  confident: 0.72,
  /** below this (but answerable): lead with "Closest I have:" */
  middling: 0.5,
});

/** Focus nouns every record of the asked type satisfies: "what's the price tag" wants money, not the word "price". */
export const GENERIC_FOCUS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  money: ["price", "cost", "amount", "sum", "money", "figure", "total", "value", "worth", "budget", "tag", "number", "dollar", "dollars", "cash", "check", "much", "size", "chunk", "tranche", "installment", "instalment", "payment", "portion"],
  percentage: ["percent", "percentage", "stake", "portion", "fraction", "slice", "piece", "much"],
  count: ["number", "amount", "many", "total"],
  amount: ["much", "cheaper", "faster", "more", "less", "bigger", "smaller", "lower", "higher", "larger", "better"],
  date: ["date", "year", "month", "time", "day", "quarter", "when"],
  person: ["person", "name", "guy", "one", "who", "exec", "executive", "people"],
  organization: ["company", "firm", "one", "outlet", "publication", "who", "name"],
  place: ["place", "location", "where"],
  name: ["name", "one", "thing", "product", "version"],
  /** nouns that say nothing about what is asked, whatever the type */
  any: ["thing", "things", "stuff", "label", "term", "phrase", "word", "nickname", "moniker", "expression", "deal", "story", "point", "idea", "status", "situation", "angle", "role", "plan", "strategy", "difference", "relationship", "news", "update", "take", "view", "significance", "impact", "part", "kind", "type", "sort", "way", "ways", "bit", "lot", "one", "ones", "piece", "article", "author", "section", "report", "summary", "gist", "nutshell", "example", "list", "names", "name", "main", "big", "key", "overview", "background", "context", "detail", "details", "answer", "question", "sense"],
});

/** Which records an answer shows besides the best (rank/choose.ts). */
export const CHOOSE = Object.freeze({
  /** only the best this many are looked at for complements and siblings */
  pool: 40,
  /** a list question's sibling (same predicate) must score this share of the record it sits beside */
  siblingShare: 0.85,
});

/** Composing a fact answer (src/core/compose/). */
export const COMPOSE = Object.freeze({
  /** the headline is what people read and quote: one short line (Slack header blocks cut at 150) */
  headlineChars: 100,
  /**
   * a question of two parts answers both in one line when they fit in this much: one value per part is what the
   * question asks for, so this line may pass headlineChars (Slack header blocks cut at 150, Discord titles at 256)
   */
  partsHeadlineChars: 150,
  /**
   * when a second part's answer does not fit after the first, the first is cut to make room if this much of it stays
   * (a cut first value still names its subject and what it is; its bullet has it whole)
   */
  partsHeadMinChars: 60,
  /** a correction naming two people or things ("the article says …; public record: …") needs both halves whole */
  correctionHeadlineChars: 140,
  /**
   * a timeline of a span sums up to this many of its events in the headline, within this many characters (Slack's
   * header block cuts at 150), when the span holds at most this many events (more is a list to read, not a line)
   */
  timelineHighlights: 3,
  timelineHeadlineChars: 150,
  timelineHighlightsWithin: 12,
  /** supporting bullets after the lead: each must add something */
  supporting: 3,
  /** statements of the lead's own event (same date, same things) join it when they score this share of it */
  sameEventShare: 0.5,
  /** at most this many of them */
  sameEventItems: 2,
  /**
   * the bullets' text (notes included) an answer stops adding at: with the headline and sources a fact answer stays
   * under 1,500 characters (issue 12; 900 and 1,000 cut bullets that held asked facts), a chat message people read rather than search
   */
  bulletChars: 1100,
  /** a list question shows up to this many items */
  listItems: 8,
  /** a yes-no answer starts with Yes or No only when its lead covers this share of the question's words */
  yesNoCoverage: 0.6,
  /** a list's sibling statement must score this share of the lead's score: the question must fit it too */
  siblingShare: 0.6,
  /** two bullets sharing this share of words say the same thing: the second is dropped */
  sameClaimOverlap: 0.8,
});
