// What kinds of answer a statement can give: a date, money, a percentage, a count, a person, an organisation, a
// place, a reason. Read from the predicate's declared value type where the knowledge base declares one, and from
// the statement's typed qualifiers, dated fields and named entities; the text is read only for reasons ("because",
// "to ensure") and for amounts a record states in words ("dozens", "thousands").
import type { Fact } from "../kb/schema.js";
import type { KnowledgeBase } from "../kb/types.js";

export type ValueType = "date" | "event" | "money" | "percentage" | "count" | "exactMoney" | "exactPercentage" | "exactCount" | "place" | "reason" | "purpose" | "quote";

/** Predicates (as named in data/) whose value is a reason or a purpose: they answer "why". */
const REASON_PREDICATES = /^(reason|motivation|motive|purpose|goal|intent|incentive|rationale|benefit|advantage|strategy|layer_purpose|competitive_need|cloud_strategy|designed_for|tailored_for|explains|why)$/;
/** Predicates whose value is what someone said. */
const QUOTE_PREDICATES = /^(quote|said|analyst_view|stance|verdict|assessment|interpreted_as|described_as|analogy|viewed_as)$/;
/** Predicates whose value is what something is for or does. */
const PURPOSE_PREDICATES = /^(purpose|capability|designs_chips|focus|stack_layer|designed_for|tailored_for)$/;
/** "for training", "to access foundation models": a statement saying what something is for. */
const PURPOSE_TEXT = /\b(?:for|at) (?:\w+ing|ai (?:inference|training)|inference|training|large-scale|distributed)\b|\b(?:optimi[sz]ed|designed|built|custom-built|aimed|tailored) (?:for|to)\b/i;
/** "based in San Francisco", "at an AMD event", "in Saudi Arabia": where something is or happened. */
const PLACE_TEXT = /\b(?:based in|headquartered in|located in|at an? (?:\w+ ){0,2}(?:event|conference|summit|keynote)|at re:invent|in (?:saudi arabia|the kingdom|san francisco|seattle))\b/i;
const PLACE_PREDICATES = /^(headquarters|located_in|based_in|region|location)$/;
const ORG_KINDS = new Set(["company", "organization", "division"]);
/** Words that give a reason or a mechanism inside a statement's text. */
const REASON_TEXT = /\b(because|since it|due to|driven by|to ensure|in order to|so that|so it can|to avoid|to reduce|to give|to keep|to offer|to secure|to hedge|to diversify|preferring|aimed at|as a hedge|the reason|gives it|which means|allowing|enabling|lets it|helps|leading to|leads to|led to|aiming to|aims to|aimed to|results? in|resulting in|causing|thanks to|as a result)\b/i;
const WORD_COUNT = /\b(dozens|hundreds|thousands|tens of thousands|millions|billions)\b|\b(two|three|four|five|six|seven|eight|nine|ten|twelve|a dozen|several)\s+(?!of\b)[a-z]+s\b/i;
const MONEY_TEXT = /\$\s?\d|\b\d[\d.,]*\s*(?:billion|million)\s*(?:dollars|usd)\b|\bbillions\b|\bmulti-billion\b/i;

export function valueTypes(kb: KnowledgeBase, f: Fact): Set<ValueType> {
  const out = new Set<ValueType>();
  const q = f.qualifiers;
  const declared = kb.predicateById.get(f.predicate)?.type;
  if (f.date) out.add("date");
  // The date is the value itself (launched, announced): it answers "when" better than a dated amount or remark.
  if (f.date && declared === "date") out.add("event");
  if (declared === "money" || q.currency || MONEY_TEXT.test(f.value)) out.add("money");
  if (declared === "percentage" || q.unit === "percent" || /%|\bpercent\b/.test(f.value)) out.add("percentage");
  if (declared === "count" || (q.amount !== undefined && !q.currency && q.unit !== "percent") || WORD_COUNT.test(f.value) || WORD_COUNT.test(f.text) || /^\s*~?\d[\d,]*\s+[a-z]/i.test(f.value)) out.add("count");
  // A number, not "billions" or "a minority": it answers "how much" best.
  if (q.amount !== undefined) {
    if (out.has("money")) out.add("exactMoney");
    else if (out.has("percentage")) out.add("exactPercentage");
    else if (out.has("count")) out.add("exactCount");
  }
  if (declared === "reason" || f.explains || REASON_PREDICATES.test(f.predicate) || REASON_TEXT.test(f.text)) out.add("reason");
  if (declared === "quote" || QUOTE_PREDICATES.test(f.predicate)) out.add("quote");
  if (PURPOSE_PREDICATES.test(f.predicate) || PURPOSE_TEXT.test(f.text)) out.add("purpose");
  if (PLACE_PREDICATES.test(f.predicate) || q.region || PLACE_TEXT.test(f.text)) out.add("place");
  return out;
}

/** What an entity can answer as: a person, an organisation, or another thing (a chip, a model, a deal). */
export type AgentClass = "person" | "organization" | "thing";

export function agentClass(kind: string | undefined): AgentClass {
  return kind === "person" ? "person" : kind && ORG_KINDS.has(kind) ? "organization" : "thing";
}
