// A fact answer: the headline in the asked type, the lead statement, then at most a few supporting statements that
// each add something (never the same claim twice). A question of several parts ("where is it based and who
// started it?") leads with each part's best statement. A conflict note rides only on the lead, and only when its
// conflict is about the very attribute the lead gives.
import type { Fact } from "../../kb/schema.js";
import { finishAnswer, saysDate, type Answer, type AnswerItem } from "../answer.js";
import type { Engine } from "../engine.js";
import { entityItem, factItem, newestReview } from "../present.js";
import { ANSWERABILITY, CHOOSE, COMPOSE } from "../rank/config.js";
import { chooseItems } from "../rank/choose.js";
import { ownedBy } from "../rank/factors.js";
import type { Scored } from "../rank/rank.js";
import type { Understanding } from "../understand/index.js";
import { words } from "../text.js";
import { conflictsOnAttribute } from "./corrections.js";
import { clip, headlineFor } from "./headline.js";

/** One part of a question, ranked and judged answerable. */
export interface AnsweredPart {
  u: Understanding;
  ranked: Scored[];
  best: Scored;
  confidence: "high" | "medium" | "low";
}

export function composeFactAnswer(engine: Engine, q: string, parts: AnsweredPart[]): Answer {
  const main = parts[0]!;
  const { u } = main;
  const list = u.shape.type === "list" || (u.wantsMany && !parts[1]);
  const cap = list ? COMPOSE.listItems : 1 + COMPOSE.supporting;
  // Each part's best first (for a comparison, each side's best), then what covers the rest of the question, then
  // close runners-up; a question about contradictions gets every conflict on the things it names.
  // A record naming every side of a comparison is the comparison itself ("Claude 3 outperforms GPT-4"): it leads.
  const direct = u.mode === "compare" && u.entities.every((m) => main.best.item.entities.has(m.id));
  const sides = u.mode === "compare" ? eachSide(u, main.ranked) : [];
  const leads = [...(u.wantsConflict ? conflictsNamed(engine, main.ranked) : []), ...(direct ? [main.best] : []), ...sides, ...parts.map((p) => p.best)];
  const complements = chooseItems(engine.facts, u, main.ranked, Math.max(ANSWERABILITY.minScore * 0.9, main.best.score * 0.6), list ? 4 : 3);
  const runnersUp = main.ranked.filter((r) => r.score >= main.best.score * (list ? 0.72 : 0.8));
  const siblings = list ? siblingsOf(engine, main) : [];
  const companions = list ? [] : sameEvent(main);
  let chosen = distinctClaims([...leads, ...siblings, ...complements, ...runnersUp, ...companions, ...parts.slice(1).flatMap((p) => p.ranked.slice(0, 2))]).slice(0, cap);
  if (u.dates.asOf) {
    const cutoff = u.dates.asOf.end;
    chosen = chosen.filter((r) => !r.item.fact.date || r.item.fact.date.start <= cutoff);
  }
  // "how long after the first deal did amazon double down": the two events and the time between them.
  const span = u.shape.type === "duration" ? durationBetween([...parts.map((p) => p.best), ...complements, ...runnersUp]) : undefined;
  if (span) chosen = distinctClaims([span.from, span.to, ...chosen]).slice(0, cap);
  const lead = chosen[0] ?? main.best;
  const items = withinBudget(chosen.map((r, i) => toItem(engine, r, i === 0)));
  const confidence = parts.every((p) => p.confidence === "low") ? "low" : main.confidence;
  // "which claude models": the list names Claude's own models, not the others beside them in the answer
  const owned = u.kindOwner ? chosen.filter((r) => r.item.fact.object !== undefined && ownedBy(engine.kb, r.item.fact.object, u.kindOwner!)) : chosen;
  let headline = lead.item.isEntity ? cardHeadline(lead.item.fact.text) : lead.item.isConflict ? conflictHeadline(lead.item.fact.text) : (list && u.mode !== "compare" && listHeadline(engine, owned.length >= 2 ? owned : chosen, NAMES_ASKED.has(u.shape.type), u)) || headlineFor(engine, u, lead.item.fact, confidence !== "low", lead.coverage);
  // "when did inferentia, trainium and bedrock each launch": several named things asked for their dates get each one's
  // date, as far as one line holds ("AWS Inferentia: 2019 · AWS Trainium: 2020 · Amazon Bedrock: Apr 2023").
  const datesOf = eachDate(engine, u, main.ranked);
  if (datesOf && parts.length === 1) headline = datesOf;
  // A comparison gives each side's own value after the lead, as far as one line holds ("Amazon: platform plays … ·
  // Microsoft: fuse with OpenAI …"): the difference asked for is between them.
  for (const side of sides) {
    if (side === lead || side.item.fact.subject === lead.item.fact.subject) continue;
    headline = joinHeadline(headline, headlineFor(engine, u, side.item.fact, true));
  }
  // "how was the nov 2024 deal structured": how an event worked is told by its statements together ("convertible
  // notes · $1.3 billion upfront"), so the first other statement of the lead's event joins the line when it fits.
  const told = u.shape.type === "mechanism" && parts.length === 1 ? companions.find((r) => r !== lead && chosen.includes(r)) ?? (lead !== main.best && sameEvent(main).length ? main.best : undefined) : undefined;
  if (told && !told.item.isEntity) headline = joinHeadline(headline, headlineFor(engine, u, told.item.fact, true));
  // A second part's answer joins the headline when both fit on one line.
  for (const p of parts.slice(1)) {
    // "… and who were the launch partners?": a part asking for several names lists them.
    const many = p.u.shape.type === "list" || p.u.wantsMany || /\b(?:who|which|what) (?:are|were)\b/.test(p.u.reading);
    const siblings = many ? listHeadline(engine, p.ranked.filter((r) => r.score >= p.best.score * CHOOSE.siblingShare).slice(0, COMPOSE.listItems)) : undefined;
    const extra = p.best.item.isEntity || p.best === lead ? "" : siblings ?? headlineFor(engine, p.u, p.best.item.fact, p.confidence === "high");
    if (extra) headline = joinHeadline(headline, extra);
  }
  if (span) headline = clip(`${span.text}: ${span.from.item.fact.date!.label} → ${span.to.item.fact.date!.label}`);
  // "As of …" and "Closest I have" are part of the one short line: a one-value headline is cut to make room for them
  const short = headline.length <= COMPOSE.headlineChars;
  if (u.dates.asOf) {
    const yesNo = /^(Yes|No): /.exec(headline);
    headline = yesNo ? `${yesNo[1]}, as of ${u.dates.asOf.label}: ${headline.slice(yesNo[0].length)}` : `As of ${u.dates.asOf.label}: ${headline}`;
  }
  if (confidence === "low") headline = `Closest I have: ${headline}`;
  if (short) headline = clip(headline);
  const subject = lead.item.fact.subject;
  const name = engine.entityName(subject);
  return finishAnswer({
    kind: items.length > 1 && list ? "list" : "fact",
    query: q,
    headline,
    sections: [{ items }],
    suggestions: engine.kb.entityById.has(subject) ? [`timeline ${name}`, `about ${name}`] : [],
    reviewed: newestReview(engine.kb, items.map((i) => i.id)),
    confident: confidence === "high" && u.entities.length > 0,
  });
}

/** Bullets in order while their text fits COMPOSE.bulletChars (the lead always): a chat answer is read, not searched. */
function withinBudget(items: AnswerItem[]): AnswerItem[] {
  let used = 0;
  return items.filter((item, i) => {
    used += item.text.length + item.conflictNotes.reduce((n, note) => n + note.length, 0);
    return i === 0 || used <= COMPOSE.bulletChars;
  });
}

function toItem(engine: Engine, r: Scored, withNotes: boolean): AnswerItem {
  const e = r.item.isEntity ? engine.kb.entityById.get(r.item.fact.id) : undefined;
  if (e) return { ...entityItem(engine.kb, e), score: Math.round(r.score * 1000) / 1000 };
  const item = factItem(engine.kb, r.item.fact, r.score);
  const notes = withNotes ? conflictsOnAttribute(engine.kb, r.item.fact).map((c) => c.note) : [];
  return { ...item, conflictNotes: notes, ...(r.item.isConflict ? { recordKind: "conflict" as const } : {}) };
}

/**
 * The lead's event told in other statements of the same date about the same things ("$4B as convertible notes,
 * Nov 2024" with "$1.3B of it upfront"): what a reader asks next, if the ranking found them at all.
 */
function sameEvent(main: AnsweredPart): Scored[] {
  const lead = main.best.item.fact;
  if (!lead.date || main.best.item.isEntity) return [];
  const about = new Set([lead.subject, lead.object, ...lead.entities].filter(Boolean));
  return main.ranked
    .filter((r) => r !== main.best && r.score >= main.best.score * COMPOSE.sameEventShare && r.item.fact.date?.label === lead.date!.label && [r.item.fact.subject, r.item.fact.object].some((id) => id && about.has(id)))
    .slice(0, COMPOSE.sameEventItems);
}

/**
 * Another answer joins the headline after " · " when it is not there yet and the line stays within Slack's header,
 * the headline cut to make room when enough of it stays.
 */
function joinHeadline(headline: string, extra: string): string {
  if (headline.includes(extra)) return headline;
  if (headline.length + extra.length + 3 <= COMPOSE.partsHeadlineChars) return `${headline} · ${extra}`;
  const room = COMPOSE.partsHeadlineChars - extra.length - 3;
  return room >= COMPOSE.partsHeadMinChars ? `${clip(headline, room)} · ${extra}` : headline;
}

/** Each named thing's best dated record as "Name: date", in the order named; undefined unless two or more have one. */
function eachDate(engine: Engine, u: Understanding, ranked: Scored[]): string | undefined {
  const ids = [...new Set(u.entities.map((m) => m.id))].filter((id) => !u.setAside.includes(id));
  if (u.shape.type !== "date" || ids.length < 2 || !(u.wantsMany || /\b(?:dates|years|timings)\b/.test(u.reading))) return undefined;
  const found = ids.map((id) => ranked.find((r) => r.item.fact.subject === id && r.item.fact.date && !r.item.isEntity && !r.item.isConflict && r.item.fact.status !== "corrected"));
  const dated = found.filter((r): r is Scored => r !== undefined);
  // "when did amazon invest in anthropic" asks about one event of both, not about each
  if (dated.length < 2 || dated.some((r) => ids.some((id) => id !== r.item.fact.subject && r.item.entities.has(id)))) return undefined;
  let line = "";
  for (const r of dated) {
    const next = `${line ? `${line} · ` : ""}${engine.entityName(r.item.fact.subject)}: ${r.item.fact.date!.label}`;
    if (next.length > COMPOSE.partsHeadlineChars) break;
    line = next;
  }
  return line.includes(" · ") ? line : undefined;
}

/** "How does Google's investment compare with Amazon's?": the best record whose subject is each side. */
function eachSide(u: Understanding, ranked: Scored[]): Scored[] {
  const out: Scored[] = [];
  for (const m of u.entities) {
    const hit = ranked.find((r) => r.item.fact.subject === m.id && !r.item.isEntity);
    if (hit && !out.includes(hit)) out.push(hit);
  }
  return out;
}

/**
 * Conflict records about what the question found, best first: each says what the article says twice, and the
 * record. Only conflicts that link one of the best statements count ("the dates look off" about those dates).
 */
function conflictsNamed(engine: Engine, ranked: Scored[]): Scored[] {
  const top = new Set(ranked.filter((r) => !r.item.isConflict).slice(0, COMPOSE.supporting).map((r) => r.item.fact.id));
  return ranked.filter((r) => r.item.isConflict && engine.kb.conflicts.find((c) => c.id === r.item.fact.id)?.claims.some((id) => top.has(id))).slice(0, COMPOSE.supporting);
}

/** The best dated record and the next one on another date, in time order, with the time between them in words. */
function durationBetween(candidates: Scored[]): { from: Scored; to: Scored; text: string } | undefined {
  const dated = candidates.filter((r) => r.item.fact.date && !r.item.isConflict);
  const a = dated[0];
  const b = a && dated.find((r) => r.item.fact.date!.start.slice(0, 7) !== a.item.fact.date!.start.slice(0, 7));
  if (!a || !b) return undefined;
  const [from, to] = a.item.fact.date!.start <= b.item.fact.date!.start ? [a, b] : [b, a];
  const months = monthsBetween(from.item.fact.date!.start, to.item.fact.date!.start);
  const text = months < 1 ? "Within the same month" : months < 12 ? `About ${months} month${months === 1 ? "" : "s"}` : months % 12 === 0 ? `About ${months / 12} year${months === 12 ? "" : "s"}` : `About ${months} months (over a year)`;
  return { from, to, text };
}

function monthsBetween(a: string, b: string): number {
  const [ya, ma] = a.split("-").map(Number) as [number, number];
  const [yb, mb] = b.split("-").map(Number) as [number, number];
  return (yb - ya) * 12 + (mb - ma);
}

/**
 * A list question's answer is a view over statements: the lead's siblings share its predicate and the side the
 * question names ("which models does Bedrock offer" → every "Bedrock offers X"), whatever their score.
 */
function siblingsOf(engine: Engine, part: AnsweredPart): Scored[] {
  const lead = part.best.item.fact;
  if (part.best.item.isEntity || part.best.item.isConflict) return [];
  const named = new Set(part.u.entities.map((m) => m.id));
  const bySubject = named.has(lead.subject) || !lead.object || !named.has(lead.object);
  // Siblings the question also fits ("which nvidia gpus": the ones naming NVIDIA), of the same kind of value.
  const kindOf = (f: { object?: string | undefined }) => (f.object ? engine.kb.entityById.get(f.object)?.kind : undefined);
  return part.ranked.filter((r) => {
    const f = r.item.fact;
    if (r === part.best || f.predicate !== lead.predicate || f.status === "corrected" || r.score < part.best.score * COMPOSE.siblingShare) return false;
    return (bySubject ? f.subject === lead.subject : f.object === lead.object) && kindOf(f) === kindOf(lead);
  });
}

/** "Amazon Bedrock offers: Claude, Stability AI, AI21 Labs, Cohere": the named values of a list's statements. */
function listHeadline(engine: Engine, chosen: Scored[], namesAsked = true, u?: Understanding): string | undefined {
  const lead = chosen[0]?.item.fact;
  if (!lead || chosen.length < 2) return undefined;
  // Several values of the lead's own subject list them ("Amazon faces the risk: …, …"); failing that, the relation's
  // other subjects or those sharing its object.
  const ofSubject = chosen.filter((r) => r.item.fact.predicate === lead.predicate && r.item.fact.subject === lead.subject);
  const same = ofSubject.length >= 2 ? ofSubject : chosen.filter((r) => r.item.fact.predicate === lead.predicate && (r.item.fact.subject === lead.subject || r.item.fact.object === lead.object));
  if (same.length < 2) return undefined;
  const bySubject = same.every((r) => r.item.fact.subject === lead.subject);
  // "what did each side get": one relation, several subjects, and their values are what is asked, not their names
  if (!bySubject && !namesAsked) {
    // "when did inferentia, trainium and bedrock each launch": the sides the question names, each with its date
    const named = new Set(u?.entities.map((m) => m.id) ?? []);
    const sides = named.size >= 2 && same.filter((r) => named.has(r.item.fact.subject)).length >= 2 ? same.filter((r) => named.has(r.item.fact.subject)) : same;
    const shown = (f: Fact) => (u?.shape.type === "date" && f.date ? f.date.label : f.value);
    const each = [...new Map(sides.map((r) => [r.item.fact.subject, `${engine.entityName(r.item.fact.subject)}: ${shown(r.item.fact)}`])).values()].join(" · ");
    if (each.length <= COMPOSE.partsHeadlineChars) return each;
  }
  // a value's closing aside qualifies the name it lists ("NVIDIA Blackwell (upcoming)"); a date there does not
  const aside = (f: Fact) => /\s(\([^()]+\))$/.exec(f.value)?.[1]?.replace(/^.*\b(?:19|20)\d{2}\b.*$/, "");
  const listedName = (f: Fact) => [engine.entityName(f.object!), aside(f)].filter(Boolean).join(" ");
  const names = [...new Set(same.map((r) => (bySubject ? (r.item.fact.object ? listedName(r.item.fact) : r.item.fact.value) : engine.entityName(r.item.fact.subject))))];
  const label = engine.kb.predicateById.get(lead.predicate)?.label ?? lead.predicate.replace(/_/g, " ");
  // "how much was each stage": one relation to one thing several times lists its values ("Amazon invested in
  // Anthropic: $1.25 billion (2023), $2.75 billion (Mar 2024)"), not the one name again
  if (bySubject && names.length === 1 && lead.object) {
    const values = [...new Set(same.map((r) => `${r.item.fact.value}${r.item.fact.date && !saysDate(r.item.fact.value, r.item.fact.date.label) ? ` (${r.item.fact.date.label})` : ""}`))];
    if (values.length >= 2) return clip(`${engine.entityName(lead.subject)} ${label} ${engine.entityName(lead.object)}: ${values.join(", ")}`);
  }
  const head = bySubject ? `${engine.entityName(lead.subject)} ${label}` : `${label[0]!.toUpperCase()}${label.slice(1)} ${lead.object ? engine.entityName(lead.object) : ""}`.trim();
  // values are phrases with commas of their own ("Amazon faces the risk: …; …"): one per answer, as parts are
  if (bySubject && !lead.object) return clip(`${head}: ${names.join("; ")}`, COMPOSE.partsHeadlineChars);
  return clip(`${head}: ${names.join(", ")}`);
}

/** Answer types whose answer is a name ("which companies", "who"): a list of them names them. */
const NAMES_ASKED = new Set(["person", "organization", "name", "list"]);

/** Drops repeats: the same record twice, or two records whose texts share most of their words. */
function distinctClaims(list: Scored[]): Scored[] {
  const out: Scored[] = [];
  const seen: Set<string>[] = [];
  for (const r of list) {
    if (out.includes(r)) continue;
    const ws = wordsOf(r.item.fact);
    if (seen.some((s) => overlap(s, ws) >= COMPOSE.sameClaimOverlap)) continue;
    out.push(r);
    seen.push(ws);
  }
  return out;
}

const wordCache = new WeakMap<object, Set<string>>();
/** A record's words, read once per record (answers compare candidates on every question). */
function wordsOf(f: { text: string }): Set<string> {
  let ws = wordCache.get(f);
  if (!ws) wordCache.set(f, (ws = new Set(words(f.text))));
  return ws;
}

/** Share of the shorter text's words the other text also has (a bullet inside a longer one is said already). */
export function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const w of small) if (big.has(w)) n++;
  return small.size ? n / small.size : 0;
}

/**
 * A conflict record as a headline: its title and what the article says against the record, without the
 * record's "The article also says" preamble ("Claude 3 date: Claude 3 came "by late 2024" …; public record: …").
 */
function conflictHeadline(text: string): string {
  return clip(text.replace(/^([^:]+): The article also says /, "$1: "), COMPOSE.correctionHeadlineChars);
}

/**
 * An entity card as a headline: its first sentence, without the "Amazon Bedrock: " label when the sentence names
 * it anyway ("Amazon Bedrock is AWS's service …"), within a header line.
 */
function cardHeadline(text: string): string {
  const m = /^([^:]+): (.+)$/.exec(text);
  const body = m && m[2]!.toLowerCase().includes(m[1]!.toLowerCase().split(" ").at(-1)!) ? m[2]! : text;
  // a sentence ends after a word's last letter, not after an initial ("D.A. Davidson")
  const sentence = body.split(/(?<=[a-z0-9)"'][.!?])\s+(?=[A-Z])/)[0]!.replace(/[.;]$/, "");
  // too long for one short line: asides in brackets go first (the bullet keeps them), then words at the end
  return clip(sentence.length <= COMPOSE.headlineChars ? sentence : sentence.replace(/\s*\([^()]*\)/g, ""));
}

