// May we answer at all? Decided apart from ranking, and explainable: a question naming something the knowledge
// base does not know, asking for live figures, asking for a kind of answer no record about the named things holds,
// or sharing too few words with any record is refused; otherwise the best record answers, with a "Closest I have"
// lead when the match is middling.
import type { Engine } from "./engine.js";
import type { Scored } from "./rank/rank.js";
import { entityDemands, expandQuery } from "./rank/rank.js";
import { entityMatch, ownedBy } from "./rank/factors.js";
import { ANSWERABILITY, DATE_FIT, GENERIC_FOCUS } from "./rank/config.js";
import { stem } from "./text.js";
import { isSourcePart, kindOfNoun, type Understanding } from "./understand/index.js";
import { VALUE_TYPES } from "./understand/answer-type.js";
import type { UnknownName } from "./understand/unknowns.js";

export type Verdict =
  | { answer: true; confidence: "high" | "medium" | "low"; best: Scored }
  | { answer: false; why: "unknown-name"; unknowns: UnknownName[] }
  | { answer: false; why: "live-data" | "no-match" | "off-topic" | "type-missing" | "focus-missing" | "date-missing"; focus?: string };

/** Types a record must hold to answer at all; other types (reason, list, description) only rank. */
const STRICT_TYPES = new Set(["date", "money", "percentage", "count", "amount", "person", "organization", "place", "name", "quote"]);

export function decide(engine: Engine, u: Understanding, ranked: readonly Scored[]): Verdict {
  if (u.unknowns.length) return { answer: false, why: "unknown-name", unknowns: u.unknowns };
  const amount = ["money", "percentage", "count", "amount"].includes(u.shape.type);
  if (u.wantsLive && amount) return { answer: false, why: "live-data" };
  const best = ranked[0];
  const named = u.entities.length > 0;
  if (!best || best.score < (named ? ANSWERABILITY.minScoreNamed : ANSWERABILITY.minScore)) return { answer: false, why: "no-match" };
  if (!named && best.coverage < ANSWERABILITY.unnamedCoverage) return { answer: false, why: "off-topic" };
  // "who won the football game": naming nothing the knowledge base knows, a noun it never uses is the topic.
  if (!named && expandQuery(engine.facts, u).some((x) => !x.variants.length && isNounWord(engine, x.term, u))) return { answer: false, why: "off-topic" };

  // The records that could answer: near the best, about the names the question gives, and surely about the most
  // specific of them ("annapurna labs" in "how much did amazon pay for annapurna labs").
  const demands = entityDemands(engine.kb, engine.facts, u);
  const rarest = [...demands].sort((a, b) => b.weight - a.weight)[0];
  // "which trainium generation": a record about one of the named thing's own kind (Trainium2) is about it.
  const ownKind = (r: Scored) => u.kindOwner !== undefined && [r.item.fact.subject, r.item.fact.object].some((id) => id !== undefined && ownedBy(engine.kb, id, u.kindOwner!));
  const about = (r: Scored) => ownKind(r) || (r.entityMatch >= ANSWERABILITY.aboutEntities && (!rarest || entityMatch(r.item.fact.subject, r.item.entities, [rarest]) >= ANSWERABILITY.aboutEntities));
  const considered = ranked.filter((r) => r.score >= best.score * ANSWERABILITY.considered && about(r));
  if (named && !considered.length) return { answer: false, why: "no-match" };
  const pool = named ? considered : ranked.filter((r) => r.score >= best.score * ANSWERABILITY.considered);
  const strict = STRICT_TYPES.has(u.shape.type);
  const held = u.shape.personOnly ? 1 : ANSWERABILITY.typeHeld;
  // A figure asked for ("what percentage", "how many regions") is answered by a record that states one: "smaller
  // than Microsoft's stake" or "invested billions" is about the amount but gives none.
  const figure = u.shape.type === "money" || u.shape.type === "percentage" || u.shape.type === "count";
  const typed = pool.filter((r) => !strict || ((r.factors.type ?? 0) >= held && (!figure || r.item.statesFigure)));
  // "valuation in its 2025 round": a value of the asked type must fall in the span asked about.
  if (u.dates.spans.length && strict && typed.length && !typed.some((r) => (r.factors.date ?? 1) >= DATE_FIT.overlaps)) return { answer: false, why: "date-missing" };
  // "is llama on bedrock": a rare noun the knowledge base has never heard of is what the question is about.
  const unknownTopic = expandQuery(engine.facts, u).find((x) => !x.variants.length && isRareNoun(engine, x.term, u) && !isSourcePart(x.term));
  if (unknownTopic && named) return { answer: false, why: "focus-missing", focus: unknownTopic.term };
  const focus = focusTerm(engine, u);
  if (focus && !focus.known) return { answer: false, why: "focus-missing", focus: focus.word };
  // "which amd gpu was aws eyeing": a record naming a chip answers a focus that names the kind ("gpu").
  // Only kinds of things: "ceo" names a role, which a record naming any person does not hold.
  const kind = focus && kindOfNoun(focus.word);
  const thingKind = kind === "chip" || kind === "instance" || kind === "model" || kind === "service" ? kind : undefined;
  const namesKind = (r: Scored) => thingKind !== undefined && [...r.item.entities].some((id) => !u.entities.some((m) => m.id === id) && engine.kb.entityById.get(id)?.kind === thingKind);
  const focusOk = !focus || typed.some((r) => focus.variants.some((v) => r.item.terms.has(v)) || namesKind(r));
  if (strict && !typed.length) return { answer: false, why: "type-missing", focus: focus?.word };
  // "when did amazon acquire annapurna": a dated record about Annapurna that says nothing of acquiring answers
  // another question. Only words the knowledge base knows count; unknown phrasing is no evidence either way.
  const generic = new Set([...(GENERIC_FOCUS[u.shape.type] ?? []), ...GENERIC_FOCUS.any!].map(stem));
  // Everyday phrasing is no evidence either: "when did they come", "which came first … how many yrs apart".
  const phrasing = (term: string) => {
    const w = u.terms.find((t) => stem(t) === term) ?? term;
    const rank = engine.lexicon.commonRank(w);
    return rank !== undefined && (rank < ANSWERABILITY.phrasingRank || (rank < ANSWERABILITY.phrasingVerbRank && !engine.lexicon.isNoun(w)));
  };
  // A word the knowledge base meets only through a loose sense ("lay" ~ "place") is no evidence of either kind, and
  // a phrase of generic words ("price tag") is as generic as its words.
  const known = expandQuery(engine.facts, u).filter((x) => x.variants.some((v) => v.credit >= ANSWERABILITY.focusCredit) && !x.term.split(" ").every((w) => generic.has(w)) && !phrasing(x.term));
  const sharesWords = (r: Scored) => known.some((x) => x.variants.some((v) => r.item.terms.hasId(v.id)));
  if (VALUE_TYPES.has(u.shape.type) && known.length && !typed.some(sharesWords)) return { answer: false, why: "type-missing", focus: focus?.word };
  // "capex for 2025": the value asked for must share the question's words and fall in its span, not one record each.
  const inSpan = (r: Scored) => (r.factors.date ?? 1) >= DATE_FIT.overlaps;
  if (u.dates.spans.length && VALUE_TYPES.has(u.shape.type) && known.length && !typed.some((r) => sharesWords(r) && inSpan(r))) {
    return { answer: false, why: "date-missing", focus: focus?.word };
  }
  // "how many cores", "the context window of nova": a record about the named things must hold that attribute.
  if (focus && !focusOk && (strict || named)) return { answer: false, why: "focus-missing", focus: focus.word };
  const lead = typed[0] ?? best;
  const confidence = lead.score >= ANSWERABILITY.confident ? "high" : lead.score >= ANSWERABILITY.middling ? "medium" : "low";
  return { answer: true, confidence, best: lead };
}
/** A question word (not a repaired typo) that is an English noun. */
function isNounWord(engine: Engine, term: string, u: Understanding): boolean {
  const word = u.terms.find((w) => stem(w) === term) ?? term;
  return u.readings.get(word)?.kind !== "repaired" && engine.lexicon.isWord(word) && engine.lexicon.isNoun(word);
}

/** A question word that is a noun, rare in English (rank beyond ANSWERABILITY.rareRank), and not a repaired typo. */
function isRareNoun(engine: Engine, term: string, u: Understanding): boolean {
  const word = u.terms.find((w) => stem(w) === term) ?? term;
  if (u.readings.get(word)?.kind === "repaired") return false;
  const rank = engine.lexicon.commonRank(word);
  return engine.lexicon.isWord(word) && engine.lexicon.isNoun(word) && (rank === undefined || rank > ANSWERABILITY.rareRank);
}

/**
 * The question's focus noun when it says what is asked for beyond the answer type ("capex", "headcount",
 * "city"), with the record terms that match it and whether the knowledge base knows it at all.
 */
function focusTerm(engine: Engine, u: Understanding): { word: string; variants: string[]; known: boolean } | undefined {
  const word = u.shape.focus;
  if (!word || !u.terms.includes(word) || isSourcePart(word)) return undefined;
  if ([...(GENERIC_FOCUS[u.shape.type] ?? []), ...GENERIC_FOCUS.any!].some((g) => stem(g) === stem(word))) return undefined;
  // Only a noun names what is asked for ("apart", "different", "sit" were read from a verb or a clause).
  if (engine.lexicon.isWord(word) && !engine.lexicon.isNoun(word)) return undefined;
  const x = expandQuery(engine.facts, u).find((e) => e.term === stem(word));
  // The focus must be met by the word itself or a reviewed neighbour, not a loose WordNet sense ("share" ~ "percentage").
  const variants = x?.variants.filter((v) => v.credit >= ANSWERABILITY.focusCredit).map((v) => v.term) ?? [];
  return { word, variants, known: (x?.variants.length ?? 0) > 0 };
}
