// The headline answers the question in the asked type, in one short line: "$8B in total: $4B (Sep 2023) + $4B
// (Nov 2024)", "Claude 3 launched: the article says late 2024; public record: 4 March 2024", "No: AWS had not
// rolled out MI300 instances (late 2024)". Composed from typed statements, never from free text alone.
import type { Fact } from "../../kb/schema.js";
import type { Engine } from "../engine.js";
import type { Understanding } from "../understand/index.js";
import { articleClaimFor, publicRecordFor } from "./corrections.js";
import { money, totalWithParts } from "./money.js";
import { COMPOSE } from "../rank/config.js";
import { NEGATIVE } from "../text.js";

const TOTAL_WORDS = /\b(total|in all|overall|altogether|combined|so far|to date|all told|cumulative|sum)\b/;
/** words that only restate an investment relation; anything else ("upfront", "first", "2023") narrows it */
const RELATION_WORDS = /^(put|invest\w*|sunk|sink|pour\w*|spent|spend|pay|paid|money|much|bet|back\w*|fund\w*|commit\w*|stake|give|gave|plow\w*)$/;

export function headlineFor(engine: Engine, u: Understanding, lead: Fact, confident: boolean, coverage = 1): string {
  const kb = engine.kb;
  const name = engine.entityName(lead.subject);
  const label = kb.predicateById.get(lead.predicate)?.label ?? lead.predicate.replace(/_/g, " ");
  const wantsDate = u.shape.type === "date" || u.shape.type === "duration";
  const shown = (f: Fact) => (wantsDate && f.date ? f.date.label : valueOf(f));

  // The public record corrects the article on exactly what was asked: show both, the correction last. A record
  // that changes another attribute (the stake grew to 14% later) is no correction of a date.
  const asked = wantsDate ? "date" : ["money", "percentage", "count", "amount"].includes(u.shape.type) ? "amount" : "any";
  const record = publicRecordFor(kb, lead);
  if (record && corrects(lead, record, asked)) return clip(correction(engine, lead, record, shown), COMPOSE.correctionHeadlineChars);
  const claim = articleClaimFor(kb, lead);
  if (claim && corrects(claim, lead, asked)) {
    if (claim.subject !== lead.subject) return clip(correction(engine, claim, lead, shown), COMPOSE.correctionHeadlineChars);
    return clip(`${name} ${label}: ${shown(lead)} (public record; the article says ${shown(claim)})`);
  }

  if ((u.shape.type === "money" || u.shape.type === "amount") && !u.dates.spans.length) {
    const t = totalWithParts(kb, lead, u.dates.asOf?.end);
    // The total leads when it is the lead, or when the question asks for it ("in total", "so far").
    if (t && (t.total === lead || TOTAL_WORDS.test(u.reading) || !u.terms.some((w) => !RELATION_WORDS.test(w)))) {
      const parts = t.parts.map((p) => `${money(p.qualifiers.amount!, p.qualifiers.currency)} (${p.date!.label.replace(/^\d{1,2} /, "")})`);
      return clip(`${money(t.total.qualifiers.amount!, t.total.qualifiers.currency)} in total${parts.length ? `: ${parts.join(" + ")}` : ""} (${name} ${label} ${engine.entityName(lead.object!)})`);
    }
  }
  const when = lead.date && !valueOf(lead).includes(lead.date.label) && !/\b(19|20)\d{2}\b/.test(valueOf(lead)) ? ` (${lead.date.label})` : "";
  // Yes or No only when the lead says what was asked: a loosely matched lead must not get a confident "Yes".
  if (u.shape.type === "yes-no" && coverage >= COMPOSE.yesNoCoverage && (confident || lead.text.length < COMPOSE.headlineChars * 1.5)) {
    const asksNegative = NEGATIVE.test(u.reading);
    const says = NEGATIVE.test(lead.text) !== asksNegative ? "No" : "Yes";
    return clip(`${says}: ${lead.text.replace(/\.$/, "")}`);
  }
  if (wantsDate && lead.date) return clip(`${name} ${label}${lead.object ? ` ${engine.entityName(lead.object)}` : ""}: ${lead.date.label}`);
  return clip(`${name}: ${valueOf(lead)}${when}`);
}

/**
 * The article's claim and the public record's, in one line. When the record names someone else ("Matt Garman
 * became AWS CEO" against the article's "AWS CEO Adam Selipsky"), both names lead their halves.
 */
function correction(engine: Engine, claim: Fact, record: Fact, shown: (f: Fact) => string): string {
  const label = engine.kb.predicateById.get(claim.predicate)?.label ?? claim.predicate.replace(/_/g, " ");
  if (claim.subject === record.subject) return `${engine.entityName(claim.subject)} ${label}: the article says ${shown(claim)}; public record: ${shown(record)}`;
  // "AWS CEO (per the article, late 2024)" after "The article says" would say it twice.
  const claimed = shown(claim).replace(/\((?:per|according to) the article,\s*/, "(");
  return `The article says ${engine.entityName(claim.subject)}, ${claimed}; public record: ${engine.entityName(record.subject)}, ${shown(record)}`;
}

/** Does `record` correct `claim` on the attribute asked about: its date, its amount, or anything? */
function corrects(claim: Fact, record: Fact, asked: "date" | "amount" | "any"): boolean {
  const sameAmount = claim.qualifiers.amount === record.qualifiers.amount;
  const sameDate = claim.date?.start === record.date?.start && claim.date?.end === record.date?.end;
  if (asked === "date") return sameAmount && !sameDate;
  if (asked === "amount") return !sameAmount;
  return true;
}

/** A statement's value as a short phrase: its display value, or the money amount it types. */
function valueOf(f: Fact): string {
  return f.value;
}

/** One short line: cut at a word, with an ellipsis, within `max` characters. */
export function clip(text: string, max: number = COMPOSE.headlineChars): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;
}
