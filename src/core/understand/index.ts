// Query understanding: reads a chat question the way people type it (shorthand, typos, paraphrase) into what the
// ranker and the answerability check need: the answer type asked for, the entities and dates named, the content
// words (repaired), and the names the knowledge base does not know. Nothing platform-specific, no I/O.
import type { EntityIndex, EntityMention } from "../entity-index.js";
import { ENTITY_KINDS } from "../../kb/schema.js";
import { fullYears, readQueryDates, type QueryDates } from "../query-dates.js";
import { amountTerms } from "../amounts.js";
import { INTENT_WORDS, normalize, QUESTION_WORDS, spelledOut, STOP_STEMS, STOPWORDS, stem, WORD_BREAK, words, type WordSet } from "../text.js";
import { answerShape, type AnswerShape, type AnswerType } from "./answer-type.js";
import { expandChatMarks, shorthand } from "./chat.js";
import type { Speller, WordReading } from "./spelling.js";
import { unknownNames, type UnknownName } from "./unknowns.js";

export type { AnswerType } from "./answer-type.js";
export type Intent = "when" | "who" | "how-much" | "timeline" | "compare" | "which" | "what";
type EntityKind = (typeof ENTITY_KINDS)[number];

export interface Understanding {
  question: string;
  /** the question as read: shorthand expanded, typos repaired, lowercased */
  reading: string;
  /** what shape of answer is asked for */
  shape: AnswerShape;
  /** ask for a dated list of events, or a side-by-side comparison, instead of one answer */
  mode: "ask" | "timeline" | "compare";
  /** coarse intent, kept for the digest and older callers: derived from shape and mode */
  intent: Intent;
  entities: EntityMention[];
  /** names the question sets aside ("besides AWS", "apart from Anthropic"): context, not what is asked about */
  setAside: string[];
  /** names that title a part of the article ("the vertical stack table", "the AMD section"): a source, not a topic */
  cited: string[];
  /** names a part of the source ("the stack table", "per the timeline", "the risks section"): where it stands is asked */
  citesPart: boolean;
  /** topic words the question sets aside ("anything besides compute"): records about them answer what is known */
  setAsideTopics: string[];
  dates: QueryDates;
  /** content words (as read, lowercased): neither entity names, dates, question words nor filler */
  terms: string[];
  /** how each content word was read (typed, repaired, unknown) */
  readings: Map<string, WordReading>;
  /** names, codes and versions the knowledge base does not know */
  unknowns: UnknownName[];
  /** "first/original" or "latest/newest": an end of a series is asked for */
  ordinal?: "first" | "latest";
  /** asks for the public record or corrections, not the article's claims */
  wantsRecord: boolean;
  /** asks about contradictions ("inconsistent", "two different dates") */
  wantsConflict: boolean;
  /** asks for several things (lists, plurals, "and") */
  wantsMany: boolean;
  /** "which chips / instances / models…": the kind of entity the answer should name */
  wantsKind?: EntityKind;
  /** "which claude models", "nvidia gpus": the named thing whose own kind of things are asked for */
  kindOwner?: string;
  /** asks about now ("right now", "today", "currently"): live figures the knowledge base cannot have */
  wantsLive: boolean;
  /** the head noun of the question, if it is one of the terms: it weighs double */
  headTerm?: string;
  /**
   * names from the question's other parts, for a later part that names its own ("when was the humain thing and how
   * much did aws put in"): what the part is about, weighing less than its own names (ENTITY_MATCH.context)
   */
  context?: string[];
}

export interface UnderstandDeps {
  entities: EntityIndex;
  vocabulary: WordSet;
  /** words the knowledge base itself uses (not any English word) */
  kbWords: WordSet;
  speller: Speller;
  /** a word that is (or starts) a knowledge-base name */
  nameWord: (word: string) => boolean;
  commonRank: (word: string) => number | undefined;
}

/** Nouns that name a kind of entity, for "which <noun>" questions. */
const KIND_NOUNS: [RegExp, EntityKind][] = [
  [/^(chips?|gpus?|processors?|cpus?|accelerators?|silicon|generations?|semiconductors?)$/, "chip"],
  [/^(instances?)$/, "instance"],
  [/^(models?|llms?)$/, "model"],
  [/^(executives?|execs?|people|persons?|analysts?|ceos?|leaders?|officials?)$/, "person"],
  [/^(companies|company|firms?|partners?|providers?|startups?|customers?|makers?|labs?)$/, "company"],
  [/^(publications?|outlets?|agency|agencies|newspapers?|media)$/, "organization"],
  [/^(services?|tools?|products?|offerings?|applications?|apps?)$/, "service"],
  [/^(deals?|investments?|agreements?)$/, "deal"],
];

const TIMELINE = /\b(timeline|chronolog\w*|history|milestones?|key events|year[- ]by[- ]year|walk me through|evolve[ds]?|evolution|(?:the|in) order (?:of|they)|sequence of|with (?:the |their )?dates)\b/;
/** "what happened in 2024?" is a timeline; "what happened to amd stock after …" asks for one event. */
const WHAT_HAPPENED = /\b(what happened|what went on|events? (in|of|for|during)|what (?:did|has|have) (?:\S+ ){1,3}(?:do|done|been up to)\b|what (?:was|were) (?:\S+ ){1,3}up to)\b/;
/** Words that only say "what happened", with no topic of their own. */
const EVENT_WORDS = /^(happened|happen|events?|went|on|ai|nutshell|summary|quick|highlights?|entries|entry|developments?|news|updates?|timeline|between|from|through|thru|cover|covers)$/;
/** The article's timeline cited as a source: "the timeline says", "per the timeline", "does the aws timeline say". */
const CITES_TIMELINE = /\b(?:the|its|their|this|that) (?:\S+ )?timeline (?:says?|said|lists?|mentions?|shows?|notes?|claims?)\b|\b(?:per|according to) the (?:\S+ )?timeline\b|\b(?:does|did) the (?:\S+ )?timeline (?:say|list|mention|show|claim)\b/;
/** Words that open a span of dates ("between … and …", "thru", "until"): part of the date when one was read. */
const SPAN_WORDS = new Set(["between", "from", "through", "thru", "until", "till", "til", "during", "since"]);
const CITING = /^(says?|said|lists?|mentions?|shows?|notes?|claims?|per|according)$/;
const COMPARE = /\b(compare[sd]?|comparison|versus|vs\.?|differ(s|ence|ent)?|better than|stack up|side by side)\b/;
const RECORD = /\b(public record|true date|real date|actual date|correct(ed|ion)? (date|figure|number|amount|year)|officially|in reality|is that (right|correct|true|accurate)|really (happen|true))\b/;
const CONFLICT = /\b(inconsisten\w*|contradict\w*|conflict\w*|disagree\w*|discrepanc\w*|disputed?|(?:two|2) (?:different|difference|diff|dates|years|things|times)|different (?:dates|years|times|numbers|figures)|look(s)? (?:off|wrong|weird|suspicious)|seems? (?:off|wrong|weird|suspicious)|twice|both dates|which is (it|right|correct)|mismatch\w*|spell\w*|suspicious)\b/;
/** Answer types that ask for one thing: a question of this shape is never a timeline request. */
const POINTED = new Set<AnswerType>(["date", "duration", "money", "percentage", "count", "amount", "person", "organization", "place", "name", "reason", "yes-no"]);
/** Nouns that only restate the asked type ("which companies", "what executives"). */
const KIND_OF_ANSWER: Partial<Record<AnswerType, RegExp>> = {
  organization: /^(companies|company|firms?|outlets?|publications?|makers?|players?|vendors?|suppliers?|providers?|partners?|labs?)$/,
  person: /^(people|person|executives?|execs?|guys?|folks|individuals?)$/,
  list: /^(names?|ones|examples?)$/,
};
const CONFLICT_PHRASING = new Set(["look", "looks", "looked", "off", "seem", "seems", "weird", "wrong", "odd", "twice", "inconsistent", "confusing", "confused", "suspicious", "things", "different", "difference"]);
/** Verbs that, before "about", say how the asker heard of a topic ("keeps talking about", "heard about"). */
const HEARSAY = /^(?:talk|talks|talking|talked|hear|hears|hearing|heard|read|reading)$/;
const LIVE = /\b(right now|now|today|todays|currently|at the moment|this (week|morning|month)|live|real[- ]time|as we speak)\b/;
const FIRST = /\b(first|initial|earliest|original|originally)\b/;
const LATEST = /\b(latest|most recent|newest|last|recent|now)\b/;

export function understand(question: string, deps: UnderstandDeps, now: Date, timeZone?: string): Understanding {
  const marked = fullYears(expandChatMarks(question));
  const dates = readQueryDates(marked, now, timeZone);
  // Dates are blanked before entities and words are read, so "2024" is never a word and "Q1" never an alias.
  let rest = marked;
  // A mark keeps the date's place for the answer-type reader ("what's on the timeline for march 2024" does not
  // end in "for"); words() drops it.
  for (const raw of dates.consumed) rest = rest.replace(raw, " § ");
  const possessives = new Set([...normalize(rest).matchAll(/([\p{L}\p{N}-]+)'s\b/gu)].map((m) => m[1]!));
  const expanded = words(rest).flatMap((w) => {
    const s = shorthand(w);
    return s === undefined ? [w] : s.split(" ").filter(Boolean);
  });
  const entities = ownersOf(deps.entities.find(expanded.join(" "), deps.vocabulary), expanded, deps.entities);
  const inEntity = new Set<number>();
  for (const m of entities) for (let i = m.start; i < m.end; i++) inEntity.add(i);
  const readings = expanded.map((w, i) => (inEntity.has(i) || /^\d/.test(w) ? undefined : deps.speller.read(w)));
  const read = expanded.map((w, i) => readings[i]?.word ?? w);
  const reading = read.join(" ");
  const unknowns = unknownNames({ words: expanded, readings, entities, known: deps.kbWords.has, nameWord: deps.nameWord, possessives, commonRank: deps.commonRank, stop: (w) => STOPWORDS.has(w) || INTENT_WORDS.has(w) || QUESTION_WORDS.includes(w) });
  const shape = answerShape(withMarks(rest, read), (w) => read.some((x, i) => x === w && inEntity.has(i)));
  const onlyEventWords = !read.some((w, i) => !inEntity.has(i) && !STOPWORDS.has(w) && !EVENT_WORDS.test(w) && !INTENT_WORDS.has(w) && !QUESTION_WORDS.includes(w) && !CITING.test(w));
  const bareEvents = WHAT_HAPPENED.test(reading) && onlyEventWords;
  // "per the timeline, when did …" cites the article's timeline: a pointed question is never a timeline request,
  // nor is "the timeline says the bedrock launch signalled a shift – to what?", which asks about one event; with a
  // span ("what chips did annapurna ship 2019–2022 per the timeline") the events in it answer.
  const citesOnly = CITES_TIMELINE.test(reading) && !TIMELINE.test(reading.replace(CITES_TIMELINE, " ")) && !onlyEventWords && !dates.spans.length;
  const asksTimeline = (TIMELINE.test(reading) || bareEvents) && !POINTED.has(shape.type) && !citesOnly;
  const mode = asksTimeline ? "timeline" : COMPARE.test(reading) && (new Set(entities.map((m) => m.id)).size >= 2 || /\bvs\b|versus|compare/.test(reading)) ? "compare" : "ask";
  // "besides aws, who else …": the names set aside shape the ranking; the words setting them aside are no topic.
  const aside = setAsideNames(expanded, entities);
  const termReadings = new Map<string, WordReading>();
  const terms: string[] = [];
  read.forEach((w, i) => {
    // "who reported it": the verb after "who" is what is asked, even one that is otherwise filler.
    const askedVerb = i > 0 && read[i - 1] === "who" && REPORTING_VERB.test(w);
    if (askedVerb && !terms.includes(w)) terms.push(w);
    if (askedVerb || inEntity.has(i) || aside.words.has(i) || aside.topics.has(i) || (aside.names.length && w === "else") || STOPWORDS.has(w) || STOP_STEMS.has(stem(w)) || INTENT_WORDS.has(w) || QUESTION_WORDS.includes(w) || /^\d{1,2}$/.test(w)) return;
    if (unknowns.some((u) => u.text === w)) return;
    // "anthropic between oct 2023 and mar 2024": the word that opens a date span belongs to the date.
    if (dates.spans.length && SPAN_WORDS.has(w)) return;
    // "which companies use claude": the noun that names the kind of answer is the type, not a topic word.
    if (KIND_OF_ANSWER[shape.type]?.test(w)) return;
    // "the dates look off": how the doubt is phrased, not what it is about; "5.3b": read as an amount below.
    if (CONFLICT_PHRASING.has(w) || amountTerms(w).length) return;
    // "the stack aws keeps talking about", "i keep hearing about humain": how the asker met the topic, not the topic
    if ((HEARSAY.test(w) && read[i + 1] === "about") || (/^(?:keeps?|kept)$/.test(w) && /ing$/.test(read[i + 1] ?? ""))) return;
    if (!terms.includes(w)) terms.push(w);
    if (readings[i]) termReadings.set(w, readings[i]!);
  });
  for (const a of amountTerms(rest)) terms.push(a);
  const questionWords = reading.match(/\b(who|what|when|which|how|where|why)\b/g) ?? [];
  const wantsMany = shape.type === "list" || mode !== "ask" || !!shape.alsoType || questionWords.length > 1 || /\band (how|what|which|when|who|where|why)\b|\bboth\b|\ball\b|\beach\b|\bwho (?:are|were)\b/.test(reading);
  const wantsKind = shape.type === "list" || shape.type === "person" || shape.type === "organization" || wantsMany ? kindAsked(reading) : undefined;
  // "how long has amd been supplying cpus", "since when": the start of a run of events is asked for.
  const ordinal = FIRST.test(reading) || /\bhow long (?:has|have|had)\b|\bsince when\b/.test(reading) ? "first" : LATEST.test(reading) && !/\blast (year|quarter|month)\b/.test(reading) ? "latest" : undefined;
  return {
    question,
    reading,
    shape,
    mode,
    intent: intentOf(shape.type, mode),
    entities,
    setAside: aside.names,
    cited: entities.filter((m) => DOCUMENT_PART.test(expanded[m.end] ?? "")).map((m) => m.id),
    citesPart: expanded.some(isSourcePart),
    setAsideTopics: [...aside.topics].map((i) => read[i]!),
    dates,
    terms,
    readings: termReadings,
    unknowns,
    ordinal,
    wantsRecord: RECORD.test(reading),
    wantsConflict: CONFLICT.test(reading),
    wantsMany,
    wantsKind,
    // the kind noun follows the name, or ends it ("claude models" is also a name of Claude)
    ...(wantsKind ? { kindOwner: entities.find((m) => kindOfNoun(expanded[m.end] ?? "") === wantsKind || (m.end - m.start > 1 && kindOfNoun(expanded[m.end - 1]!) === wantsKind))?.id } : {}),
    wantsLive: LIVE.test(reading),
    headTerm: shape.focus && terms.includes(shape.focus) ? shape.focus : undefined,
  };
}

/** Words after a name that make it the title of a part of the article: "the vertical stack table says …". */
/** Other words naming where in a source something stands: "the caption", "the highlights", "the conclusion". */
/** A word naming a part of the source ("table", "caption"): where the asker read it, never what is asked. */
export const isSourcePart = (w: string): boolean => DOCUMENT_PART.test(w) || SOURCE_PART.test(w);
const SOURCE_PART = /^(?:caption|captions|highlights|conclusion|intro|introduction|heading|headline|paragraph|list|entries|entry|column|row|rows)$/;
const DOCUMENT_PART = /^(?:table|tables|section|sections|figure|figures|chart|charts|diagram|graphic|summary|timeline)$/;
/** Words that set the names after them aside: "besides team red and aws", "apart from anthropic", "other than". */
// "non" is the prefix of "non-amazon models", split off by the word reader.
const SET_ASIDE = /^(?:besides|beside|except|excluding|apart from|aside from|other than|except for|not counting|in addition to|non)$/;
/** "Reported", otherwise filler ("the article reports"), is what a who-question asks about ("who reported it"). */
const REPORTING_VERB = /^(?:reported|reports|report)$/;
/** "besides cloud compute": the topic set aside is a short noun phrase. */
const MAX_ASIDE_TOPIC_WORDS = 2;
/** Glue between the names of one set-aside list ("besides amd, aws and the like"). */
const LIST_GLUE = new Set(["and", "or", "the", "&", "nor"]);

/**
 * Entity ids named right after a set-aside phrase, with only list glue between them; failing a name, the topic
 * words there ("besides compute"); and the phrase's word positions.
 */
function setAsideNames(ws: readonly string[], mentions: readonly EntityMention[]): { names: string[]; topics: Set<number>; words: Set<number> } {
  const out: string[] = [];
  const phraseWords = new Set<number>();
  const topics = new Set<number>();
  for (let i = 0; i < ws.length; i++) {
    // the longest phrase first: "except for trainium", not "except"
    const phrase = [3, 2, 1].find((n) => SET_ASIDE.test(ws.slice(i, i + n).join(" ")));
    if (phrase === undefined) continue;
    let k = i + phrase;
    const before = out.length;
    for (;;) {
      const here = mentions.filter((m) => m.start === k);
      if (here.length) {
        for (const m of here) if (!out.includes(m.id)) out.push(m.id);
        k = Math.max(...here.map((m) => m.end));
      } else if (LIST_GLUE.has(ws[k] ?? "")) k++;
      else break;
    }
    // "anything besides compute": up to two topic words, no name among them
    if (out.length === before) {
      for (let j = k; j < k + MAX_ASIDE_TOPIC_WORDS && j < ws.length && !STOPWORDS.has(ws[j]!) && !QUESTION_WORDS.includes(ws[j]!) && !mentions.some((m) => m.start <= j && j < m.end); j++) topics.add(j);
      if (!topics.has(k)) continue;
    }
    for (let j = i; j < i + phrase; j++) phraseWords.add(j);
  }
  return { names: out, topics, words: phraseWords };
}

/**
 * The question as read (shorthand expanded, typos repaired) but keeping its punctuation, so the answer-type
 * reader can split "did it ship? if not why" or "what's neo for - and what year" into parts.
 */
function withMarks(text: string, read: string[]): string {
  // split exactly as words() does, keeping the separators: the i-th word here is the i-th word read
  const pieces = spelledOut(text).replace(/(?<!\d)\.|\.(?!\d)/g, " . ").split(new RegExp(`(${WORD_BREAK.source})`, "u"));
  let k = 0;
  return pieces
    .map((p, i) => {
      if (i % 2 === 1 || !p) return p;
      const s = shorthand(p);
      const n = s === undefined ? 1 : s.split(" ").filter(Boolean).length;
      const out = read.slice(k, k + n).join(" ");
      k += n;
      return out;
    })
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

/** Nouns that turn a product or a person into the organisation behind it: "the claude maker", "jassy's company". */
const OWNER_NOUNS = /^(maker|makers|creator|creators|developer|developers|company|companies|co|parent|owner|owners|builder|firm|lab|employer|team|outfit|shop)$/;
const OWNED_KINDS = new Set(["model", "chip", "service", "product", "instance", "person", "division"]);

/**
 * "the claude maker" is Anthropic, "jassy's company" is Amazon, "the company behind chatgpt" is OpenAI: a product
 * or person named with an owner noun stands for its owning organisation (up its parent chain).
 */
function ownersOf(mentions: EntityMention[], ws: string[], index: EntityIndex): EntityMention[] {
  return mentions.map((m) => {
    const after = ws[m.end];
    const before = ws[m.start - 1] === "of" || ws[m.start - 1] === "behind" ? ws[m.start - 2] : undefined;
    if (!OWNED_KINDS.has(m.kind) || !((after && OWNER_NOUNS.test(after)) || (before && OWNER_NOUNS.test(before)))) return m;
    let e = index.get(m.id);
    while (e && (OWNED_KINDS.has(e.kind) || e.kind === "division") && e.parent) e = index.get(e.parent);
    if (!e || e.id === m.id || OWNED_KINDS.has(e.kind)) return m;
    return after && OWNER_NOUNS.test(after) ? { ...m, id: e.id, kind: e.kind, end: m.end + 1 } : { ...m, id: e.id, kind: e.kind, start: m.start - 2 };
  });
}

function intentOf(type: AnswerType, mode: Understanding["mode"]): Intent {
  if (mode !== "ask") return mode;
  switch (type) {
    case "date":
      return "when";
    case "person":
    case "organization":
      return "who";
    case "money":
    case "percentage":
    case "count":
    case "amount":
      return "how-much";
    case "list":
      return "which";
    default:
      return "what";
  }
}

/** The kind of entity a "which/what <noun>" question lists: "which AMD EPYC generations" → chip. */
/** The kind of thing a noun names ("gpu" → chip, "outlets" → organization), if it names one. */
export const kindOfNoun = (word: string): EntityKind | undefined => KIND_NOUNS.find(([re]) => re.test(word))?.[1];

function kindAsked(reading: string): EntityKind | undefined {
  const m = reading.match(/\b(?:which|what|list|name|who)\b((?:\s+[\w'-]+){1,4})/);
  if (!m) return undefined;
  const ws = m[1]!.trim().split(/\s+/);
  const i = ws.findIndex((w) => kindOfNoun(w));
  if (i < 0) return undefined;
  // "model makers", "gpu instances": in a compound the last noun is the head ("makers", "instances").
  let j = i;
  while (j + 1 < ws.length && kindOfNoun(ws[j + 1]!)) j++;
  return kindOfNoun(ws[j]!);
}
