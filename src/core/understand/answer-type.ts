// What kind of answer a question wants, read from its shape rather than its topic words: a date for "when", money
// for "how much / price tag / budget", a count for "how many", a person for "who", a reason for "why / how come".
// The type, not the wording, then decides which statements can answer (src/core/answerability.ts).
import { IRREGULAR } from "../text.js";

export type AnswerType =
  | "date"
  | "duration"
  | "money"
  | "percentage"
  | "count"
  | "amount"
  | "person"
  | "organization"
  | "place"
  | "name"
  | "quote"
  | "reason"
  | "purpose"
  | "mechanism"
  | "list"
  | "yes-no"
  | "description";

export interface AnswerShape {
  type: AnswerType;
  /** "how many <cores>", "what's X's total <capex>", "which <city>": the noun naming what is asked for */
  focus?: string;
  /** a second question joined to the first ("what's neo for and what year did it show up") */
  alsoType?: AnswerType;
  /** a person, not an organisation, must answer ("the name of the exec who said …") */
  personOnly?: boolean;
  /** the text of each part of a many-part question, in order (one part for most questions) */
  parts: string[];
}

const AGENT_NOUNS = /^(person|people|exec|executive|executives|analyst|analysts|ceo|cfo|cto|vp|leader|official|founder|founders|boss|head|spokesperson|engineer|researcher|chief|guy)$/;
const ORG_NOUNS = /^(company|companies|firm|firms|publication|publications|outlet|outlets|agency|newspaper|paper|lab|labs|startup|startups|partner|partners|provider|providers|vendor|vendors|supplier|suppliers|bank|maker|makers|rival|rivals|competitor|competitors|customer|customers|investor|investors|backer|backers|cloud|clouds|player|players|source|sources)$/;
const PLACE_NOUNS = /^(city|country|region|state|place|location|headquarters|hq|kingdom|where)$/;
const DATE_NOUNS = /^(year|month|date|day|quarter|time|timing|timeframe)$/;
/** Nouns whose value is money: a question asking for one wants an amount ("anthropic annual revenue?"). */
const MONEY_NOUNS = /^(tag|revenue|revenues|capex|opex|valuation|price|prices|pricing|cost|costs|budget|funding|salary|spend|spending|profit|profits|earnings|sales|income|worth|capitalization|capitalisation|cap|payout|fee|fees|amount|sum)$/;
const PERCENT_NOUNS = /^(share|percent|percentage|margin|margins|stake|growth)$/;
const COUNT_NOUNS = /^(headcount|employees|staff|workforce|users|subscribers)$/;

/** Modifiers skipped when reading the focus noun: "total capex", "newest tpu generation". */
const MODIFIERS = new Set(
  "the a an its their his her this that these those total overall exact current latest newest new main biggest largest first last next own full real actual official estimated approximate rough typical average annual yearly quarterly combined other single big small".split(" "),
);

/** Words that end the noun phrase a focus noun is read from: verbs, prepositions, auxiliaries. */
const PHRASE_END = new Set(
  ("is was are were be been being does did do has have had will would could can should might may of in on for to by with at from about that per than like as and or " +
    "after before during since until over across into onto upon within without among between through via including versus against toward towards " +
    "called named used known going supposed expected planned able right now today currently work works worked use uses make makes get gets run runs pay pays cost costs " +
    "offer offers own owns hold holds build builds ship ships plan plans need needs want wants say says said go goes come comes take takes give gives put puts mean means help helps " +
    "there here it they he she we you i me him them so if when where why how which what who").split(" "),
);

/** Irregular past forms ("spoke", "bought"): after a noun they are its verb, not part of the noun phrase. */
const PAST_FORMS = new Set(Object.keys(IRREGULAR).filter((w) => !/^(feet|men|women|people|children|data|media|bet|cut|put|set)$/.test(w)));

/**
 * Reads the answer shape from a normalised, shorthand-expanded, lowercased question. `isName` tells words that
 * name an entity ("aws", "trainium2"), which are never the focus noun ("how many trainium2 chips" → chips).
 */
export function answerShape(question: string, isName: (word: string) => boolean = () => false): AnswerShape {
  // "when co-designing with anthropic, what could amazon tune": the question starts after the clause.
  const q = question.replace(/^(?:when|while|after|before|if|since)\s+\w+ing\b[^,?]*,\s*(?=(?:what|how|which|who|why|where)\b)/, "");
  const parts = q
    .split(/\s*(?:\band (?:also )?|\balso |\bplus |\bbut |[?;,.–—&+-]\s+)(?=(?:what|whats|when|who|whom|whose|which|how|why|where|is|are|was|were|does|did|do|has|have|if not)\b)|\?\s*(?=\S)/)
    .map((p) => p.trim())
    .filter(Boolean);
  // "how many amd shares and $ value?": a short tail asking a value of another type is a part of its own
  const last = parts.at(-1);
  const tail = last && /^(.*\S)\s+(?:and|plus)\s+((?:\S+\s*){1,3}\??)$/.exec(last);
  // ("… total commitment and anthropic's valuation?": a value named by another noun is another part too)
  const [headShape, tailShape] = tail ? [typeOf(tail[1]!, isName), typeOf(tail[2]!, isName)] : [];
  if (tail && headShape && tailShape && VALUE_TAIL.has(tailShape.type) && (headShape.type !== tailShape.type || (headShape.focus !== undefined && tailShape.focus !== undefined && headShape.focus !== tailShape.focus))) parts.splice(-1, 1, tail[1]!, tail[2]!);
  const shapes = parts.map((p) => typeOf(p, isName));
  // "inferentia vs trainium - whats each one for?": a bare topic first, the question after it.
  if (shapes.length > 1 && shapes[0]!.type === "description" && !/\b(?:what|when|who|whom|whose|which|how|why|where|is|are|was|were|does|did|do|has|have|can|could|will|would)\b/.test(parts[0]!)) {
    shapes.shift();
    parts.splice(0, 2, `${parts[0]} ${parts[1]}`);
  }
  const first = shapes[0] ?? typeOf(q, isName);
  const second = shapes.slice(1).find((t) => t.type !== first.type && t.type !== "description");
  return { ...first, ...(second ? { alsoType: second.type } : {}), parts: parts.length ? parts : [q] };
}

/** Types whose answer is one value (a date, an amount): a record of that type about something else is no answer. */
export const VALUE_TYPES: ReadonlySet<AnswerType> = new Set<AnswerType>(["date", "money", "percentage", "count", "amount"]);

/** Types a short tail of a question can ask on its own ("… and $ value?", "… and anthropic's valuation?"). */
const VALUE_TAIL = new Set<AnswerType>(["money", "percentage", "count", "date"]);

/** Polite or conversational openings that do not change what is asked: "could you explain how …", "so is …". */
const OPENING = /^(?:(?:so|ok|okay|hey|hi|quick question|question|btw|also|and|but|well|then)[,:]?\s+)*(?:(?:could|can|would|will) you(?: please)?|please|pls|i(?: would|'d)? (?:like|want|need) to know|i wonder|wondering|do you know|tell me|explain|describe|summari[sz]e|walk me through)?\s*(?:(?:explain|tell me|describe|say|summari[sz]e|give me|show me|walk me through)\s+)?/;

function typeOf(question: string, isName: (word: string) => boolean): Omit<AnswerShape, "parts"> {
  // "when co-designing with anthropic, what could amazon tune": the question is after the clause.
  const s = (question.replace(OPENING, "").trim() || question).replace(/^(?:when|while|after|before|if|since)\s+\w+ing\b[^,]*,\s*(?=(?:what|how|which|who|why|where)\b)/, "");
  const after = (lead: RegExp) => {
    const m = lead.exec(s);
    return m ? head(s.slice(m.index + m[0].length), isName) : undefined;
  };
  if (/\b(why|how come|for what reason)\b|\bwhat (?:was |is |were |are )?(?:the )?(?:reason|rationale|motivation|motive|logic|thinking)\b|\bwhat (?:drove|drives|motivated|prompted|pushed|led)\b|\bwhat made\b|^if not\b/.test(s)) return { type: "reason" };
  if (/\bhow long (?:has|have|had) .* been\b|\bsince when\b/.test(s)) return { type: "date" };
  if (/\bhow long (?:after|before|between|did it take|until|ago|apart)\b|\bhow (?:many|much) (?:time|years|months|days|weeks)\b|\b(?:years|months) apart\b/.test(s)) return { type: "duration" };
  if (/\bhow many\b/.test(s)) return { type: "count", focus: after(/\bhow many\s+/) };
  if (/\b(?:which|what|who) (?:came|launched|happened|arrived|shipped|was announced|was released|showed up|went) (?:first|earlier|sooner|later|last)\b/.test(s)) return { type: "date" };
  // "$ figure pls", "dollar amount?": money, whatever else the question names.
  if (/(?:^|\s)\$ ?(?:figure|amount|number|value)\b|\bdollar (?:figure|amount|number|value)\b/.test(s)) return { type: "money", focus: s.match(/\b(capex|revenue|valuation|price|cost|budget|spend\w*)\b/)?.[1] };
  // "total amazon investment in anthropic?", "combined funding": a sum of money, asked without "how much".
  const sum = s.match(/\b(?:total|overall|combined|cumulative|aggregate)\b(?:\s+\S+){0,3}?\s+(investments?|funding|commitments?|spend|spending|capex|costs?|money|cash|price)\b|\b(investments?|funding|commitments?|capex|spend|spending)(?: \w+)? (?:total|to date|so far)\b/);
  if (sum && !/\b(?:percent|percentage|share|how many)\b/.test(s)) return { type: "money", focus: sum[1] ?? sum[2] };
  // "how much of the second $4B went in upfront": a part of a sum is stated as money or as a share of it.
  if (/\bhow much of (?:the |its |their |that |this )?(?:\S+ )?(?:[$€£]?\d|§|investments?\b|commitments?\b|money\b|funding\b|deal\b|round\b|total\b|budget\b|cash\b|check\b)/.test(s)) return { type: "amount" };
  if (/\bwhat (?:percent(?:age)?\b|share\b|portion\b|fraction\b|%)|\bhow much of\b|\b(?:percent|percentage)\b|\d\s?%|(?:^|\s)%(?:\s|$)/.test(s)) return { type: "percentage", focus: after(/\bwhat\s+/) };
  // "what cost savings", "how does google's investment compare": an amount, stated as money or a percentage.
  if (/\b(?:savings?|save|saves|discount|cheaper|lower cost)\b/.test(s) && /\b(?:what|how much|how big)\b/.test(s)) return { type: "amount" };
  if (/\b(?:compare[sd]?|comparison|versus|vs|stack up)\b/.test(s) && /\b(?:investments?|stakes?|funding|valuations?|prices?|costs?|amounts?|bets?)\b/.test(s)) return { type: "amount" };
  // "how much cheaper / faster / more": a difference, stated as money, a percentage or a count.
  if (/\bhow much (?:cheaper|faster|slower|more|less|bigger|smaller|lower|higher|larger|better)\b/.test(s)) return { type: "amount" };
  // "how much revenue": the noun is asked for; "how much did amazon add": the verb is no focus.
  if (/\b(?:valued|priced|trading|trade|trades) at\b|\bworth\s*\??\s*$|\b(?:stock|share) price\b/.test(s)) return { type: "money" };
  if (/\bhow (?:much|expensive|cheap|costly)\b/.test(s)) return { type: "money", focus: /\bhow much (?:was|is|did|does|do|has|have|were|are|will|would|had|could|can)\b/.test(s) ? undefined : after(/\bhow (?:much|expensive|cheap|costly)\s+/) };
  // "how big a stake": a share of a company is stated as a percentage or as money, either answers.
  if (/\bhow (?:big|large)\b/.test(s) && /\b(?:stake|share|holding|position|ownership)\b/.test(s)) return { type: "amount" };
  if (/\bhow (?:big|large)\b/.test(s)) return /\b(investment|deal|bet|check|cheque|round|commitment|budget)\b/.test(s) ? { type: "money" } : { type: "description" };
  // "sagemaker launch yr?", "bedrock release date": the date of an event named as a noun phrase.
  if (/\b(?:launch|launched|release|released|debut|announcement|announced|founding|founded|ship|shipping|availability|start) (?:year|yr|date|month)\b/.test(s)) return { type: "date" };
  // "how did intel react when aws added amd": "when" joins a clause to a how/why/what-happened question.
  const whenJoins = /^(?:how|why|what (?:happened|did|does|do|was the reaction))\b/.test(s) && !/\bwhen (?:did|was|were|is|are|will|does|do|has|have|had|could|would|should)\b/.test(s);
  if (!whenJoins && /\b(?:when|since when|what time)\b/.test(s)) return { type: "date" };
  if (/\b(?:what|which) (?:year|month|date|day|quarter|time ?frame)\b|\bwhat (?:are|were|is|was) the (?:dates?|timing|year)\b/.test(s)) return { type: "date" };
  // "what did lisa su say about …": what a named person said.
  const said = s.match(/\bwhat (?:did|does|has|had) ((?:\S+ ){1,4})(?:say|said|write|wrote|tell|told|claim|claimed|note|noted|argue|think|call|predict)\b/);
  if (said && said[1]!.split(" ").some((w) => isName(w) || /^(he|she|they|analyst|analysts|exec|executive|ceo|guy|boss|spokesperson|founder)$/.test(w))) return { type: "quote" };
  if (/\b(?:called|named)\s*$|\b(?:what|whats) (?:is |was )?the name of (?!the (?:\w+ ){0,2}(?:person|exec|executive|analyst|ceo|leader|official|guy)\b)|\bname of (?:the|its|their) (?:new|next|newest|latest)\b/.test(s)) return { type: "name", focus: after(/\b(?:what|whats)(?: is| was| are| were)?\s+/) };
  // "who is amazon's cfo", "who's the aws ceo": a person holding that role at the named company.
  const role = s.match(/^(?:who|whos) (?:is|was|are|were)\s+(?:the )?(?:\S+ ){1,2}?(ceo|cfo|cto|coo|cio|founder|cofounder|co-founder|chairman|chairwoman|chair|president|boss|chief|head|vp|director)s?\s*\??$/);
  if (role) return { type: "person", focus: role[1], personOnly: true };
  // "who is gil luria", "who's swami": the named person described, not another person.
  // Only when the name is all that follows: "who were bedrock's launch partners" asks for companies.
  const who = s.match(/^(?:who|whos) (?:is|was|are|were)\s+(.+?)\s*\??$/)?.[1]?.split(/\s+/);
  if (who && isName(who[0]!) && who.every((w) => isName(w) || /^(?:exactly|again|really|anyway|btw|now)$/.test(w))) return { type: "description" };
  if (/\bwho\b|\bwhom\b|\bwhose\b|\bname (?:of )?the (?:\w+ ){0,2}(?:person|exec|executive|analyst|ceo|leader|official|guy)\b/.test(s)) {
    if (/\bwho (?:reported|published|wrote|broke|ran the)\b/.test(s)) return { type: "organization" };
    // "who were the launch partners", "who are its backers": companies, however the noun is qualified.
    const np = s.match(/\bwho (?:is|was|are|were) (?:the |its |their )?((?:[\w'-]+ ){0,3}[\w-]+)/)?.[1];
    if (np && np.split(" ").some((w) => ORG_NOUNS.test(w))) return { type: "organization" };
    // "who is the aws ceo": the role asked about; "who else", "who announced": no noun to check.
    const role = after(/\bwho (?:is|was|are|were) (?:the |its |their )/);
    // "the name of the aws exec who said …": a person, not a company, must answer.
    return { type: "person", focus: role, ...(role || /\bname (?:of )?the\b|\b(?:exec|executive|analyst|ceo|vp|founder|spokesperson|guy|person)\b/.test(s) ? { personOnly: true } : {}) };
  }
  const asked = after(/\b(?:which|what)(?: kind of| type of| sort of)?\s+/);
  if (/\b(?:which|what)\s/.test(s) && asked && !/\b(?:what|which) (?:is|was|are|were|does|did|do)\b/.test(s)) {
    // The noun names the type ("which outlet", "which city"): the type is the constraint, except for a place,
    // where "city" asks for more than a country.
    if (AGENT_NOUNS.test(asked)) return { type: "person" };
    if (ORG_NOUNS.test(asked)) return { type: "organization" };
    if (PLACE_NOUNS.test(asked)) return { type: "place", focus: asked };
    if (DATE_NOUNS.test(asked)) return { type: "date" };
  }
  if (/\b(?:what|which)(?:'s| is| was| are| were)? (?:the )?(?:[a-z]+ )?(?:price|cost|price tag|budget|amount|sum|figure|valuation|value|dollar)\b|\bwhat (?:did|does|do|will) .* (?:cost|pay|spend|charge)\b/.test(s)) return { type: "money", focus: after(/\b(?:what|which)(?:'s| is| was| are| were)?\s+/) };
  if (/\bwhere\b/.test(s) && !/\bwhere (?:does|do|did|is) .* (?:stand|fit|come in|sit)\b/.test(s)) return { type: "place" };
  // "what is bedrock used for", "what does sagemaker do", "whats each one for": what a thing is for.
  if (/\b(?:used|good|meant|aimed) for\b|\b(?:designed|built|made) for\s*\??\s*$|\bfor\s*\??\s*$|\bwhat (?:does|do|did) (?:\S+ ){1,4}do(?: for \S+)?\s*$|\bwhat(?: is| was| are| were)? the (?:point|purpose|use|job|role) of\b/.test(s)) return { type: "purpose" };
  if (/^(?:how\b(?! (?:much|many|long|big|large|come|often|old|far|soon|about)\b)|in what way)/.test(s)) return { type: "mechanism" };
  if (/^(?:which|list|name)\b|\bwhat (?:are|were) (?:the|some|all)\b|\bwhat (?:other|else)\b|\bwho else\b|\bwhich (?:other|ones)\b|\b(?:list|name) (?:the|all|some)\b/.test(s)) {
    // "what are the main risks": the noun listed, to match a relation it names ("which X" names a kind instead)
    const focus = after(/\bwhat (?:are|were) (?:the|some|all)\s+/);
    return focus ? { type: "list", focus } : { type: "list" };
  }
  if (/^(?:is|are|was|were|does|do|did|has|have|had|can|could|will|would|should|isn't|doesn't|didn't)\b/.test(s)) return { type: "yes-no" };
  // "what is the X of Y" / "what X does Y …": X is asked for; "what did Y do/say": nothing to check.
  if (/\bwhat (?:did|does|do|will|would|could|can|should|has|have|had)\b/.test(s)) return { type: "description" };
  const focus = asked ?? after(/\bwhat(?: is| was| are| were)?\s+/) ?? after(/^/);
  // "anthropic annual revenue?", "what is amazon's capex": the asked noun itself names an amount.
  if (focus && MONEY_NOUNS.test(focus)) return { type: "money", focus };
  if (focus && PERCENT_NOUNS.test(focus)) return { type: "percentage", focus };
  if (focus && COUNT_NOUNS.test(focus)) return { type: "count", focus };
  // "sagemaker and bedrock launch dates?": the asked noun is a date
  if (focus && DATE_NOUNS.test(focus.replace(/s$/, ""))) return { type: "date" };
  return { type: "description", focus };
}

/**
 * The head noun of the noun phrase at the start of `text`: its last content word before a verb or preposition
 * ("data center revenue in 2025" → revenue, "trainium2 chips are" → chips), skipping determiners, modifiers,
 * possessives ("amazon's capex": the owner is not the thing asked for) and names.
 */
function head(text: string, isName: (word: string) => boolean): string | undefined {
  let found: string | undefined;
  for (const w of text.trim().split(/\s+/).slice(0, 6)) {
    const word = w.replace(/[^a-z0-9'-]/g, "");
    if (!word) continue;
    // A verb ends the phrase: an auxiliary, a past tense ("-ed", or irregular: "spoke", "bought").
    if (PHRASE_END.has(word) || (found && ((/ed$/.test(word) && word.length > 4) || PAST_FORMS.has(word)))) break;
    if (MODIFIERS.has(word) || /'s$/.test(word) || isName(word) || /\d/.test(word)) {
      if (found) break;
      continue;
    }
    found = word;
  }
  return found;
}
