// Text normalisation shared by the index and query understanding, so both sides see the same terms.
import { stemmer } from "stemmer";

/** Lowercase, unicode-normalised, typographic quotes and dashes folded, everything but letters/digits/$/%/. spaced out. */
export function normalize(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\bin-house\b/g, "inhouse")
    .replace(/\bup[- ]front\b/g, "upfront")
    .replace(/[\u2018\u2019\u201b\u2032`´]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\p{Cc}|\p{Cf}/gu, " ");
}

/**
 * Words of a text: letters and digits kept together ("mi300", "trn1n", "h100"), decimals kept whole ("3.5",
 * "$5.3b": a version or an amount is one token, so "claude 3.5" never reads as "claude 3"), possessives dropped.
 */
export function words(text: string): string[] {
  return spelledOut(text)
    .replace(/(?<!\d)\.|\.(?!\d)/g, " ")
    .split(WORD_BREAK)
    .filter(Boolean);
}

/** What separates words (everything but letters, digits, "$", "%" and a decimal point). */
export const WORD_BREAK = /[^\p{L}\p{N}$%.]+/u;

/** A text normalised with contractions spelled out and possessives dropped: what words() splits. */
export function spelledOut(text: string): string {
  return normalize(text)
    // "who's", "what's": a contraction of "is", not a possessive
    .replace(/\b(who|what|where|when|why|how|that|it|there|here)'s\b/g, "$1 is")
    // "doesn't", "can't", "won't": the negation is a word of its own
    .replace(/\bcan't\b/g, "can not")
    .replace(/\bwon't\b/g, "will not")
    .replace(/n't\b/g, " not")
    // "co-design", "co-founder": one word, however it is hyphenated
    .replace(/\bco-(?=[a-z])/g, "co")
    .replace(/'s\b/g, "");
}

/** Words that carry no meaning for matching. Question words are read by intent detection before removal. */
export const STOPWORDS = new Set(
  (
    "a an the and or but if of to in on at by for per via through from with without into onto over under about as is are was were be been being am " +
    "do does did done doing have has had having will would shall should can could may might must it its it's this that these those " +
    "there their they them he she his her him we our us you your i me my what which who whom whose when where why how " +
    "much many not no yes so than then too very just also any some each every all both either neither such own same other " +
    "tell know say says said said? according article articles report reported mention mentioned mentions describe described " +
    "please explain give show list name type types kind kinds sort sorts find get kind sort type thing things stuff info information details detail anything something " +
    "latest current currently recent recently now today ever still yet far context regard regarding respect terms effort efforts move moves after before became become becomes " +
    "actually really exactly roughly approximately basically essentially even piece author writer post blog going gonna"
  ).split(/\s+/),
);

/**
 * Stopwords for a record's own words: "report" is filler in a question ("what does the article report about")
 * but says who told what in a record ("Reuters reported that …"), which "who reported it" asks.
 */
export const RECORD_STOPWORDS = new Set([...STOPWORDS].filter((w) => !/^(?:report|reported)$/.test(w)));

/**
 * Stopwords of four letters or more as stems too, so "types" or "mentions" are as empty as "type" and "mention".
 * Short stopwords stay exact: Porter stems "use" to "us", "owns" to "own" and "one" to "on", which carry meaning.
 */
export const STOP_STEMS = new Set([...STOPWORDS].filter((w) => w.length > 3).map((w) => stemmer(w)));

/** Question words, so a typo in one ("whn", "wich") still sets the intent. */
export const QUESTION_WORDS = ["when", "what", "which", "who", "how", "much", "many", "where", "why"];

/** Words that name the question's shape, not its topic (read by intent detection). */
export const INTENT_WORDS = new Set(
  "big bigger large larger huge size when year years month date dates dated day time timing timings timeline history milestone milestones happen happened happening event events compare comparison versus vs differ difference".split(" "),
);

/** Where Porter conflates words people keep apart ("customers" is not "custom", "generative" not "generation"). */
const STEM_EXCEPTIONS: Record<string, string> = {
  customer: "customer", customers: "customer",
  generative: "generative", general: "general", generally: "general",
  capital: "capital", capitalization: "capitalization", capitalisation: "capitalization",
  university: "university", universal: "universal",
  organic: "organic", organization: "organization", organizations: "organization",
  news: "news", new: "new",
};

const stemCache = new Map<string, string>();
/**
 * Porter stem with a cache, for every word of three letters or more so short words stem like long ones
 * ("buy"/"buys"/"buying"); irregular forms first ("paid" → "pay", "bought" → "buy"). Numbers and model codes
 * are kept as they are.
 */
export function stem(word: string): string {
  if (/\d/.test(word) || word.length < 3) return word;
  let s = stemCache.get(word);
  if (s === undefined) {
    const base = IRREGULAR[word] ?? word;
    s = STEM_EXCEPTIONS[base] ?? stemmer(base);
    if (stemCache.size < 50_000) stemCache.set(word, s);
  }
  return s;
}

/** Irregular verb and noun forms Porter cannot reach, to their base form. */
export const IRREGULAR: Record<string, string> = Object.fromEntries(
  (
    "paid:pay bought:buy sold:sell made:make built:build led:lead ran:run took:take taken:take gave:give given:give got:get gotten:get " +
    "went:go gone:go came:come said:say told:tell thought:think brought:bring began:begin begun:begin spent:spend sent:send lent:lend " +
    "held:hold kept:keep left:leave lost:lose met:meet won:win grew:grow grown:grow knew:know known:know saw:see seen:see " +
    "chose:choose chosen:choose fell:fall fallen:fall rose:rise risen:rise wrote:write written:write drove:drive driven:drive " +
    "shown:show flew:fly undertook:undertake overtook:overtake sought:seek struck:strike bet:bet cut:cut put:put set:set " +
    "spun:spin stood:stand understood:understand withdrew:withdraw forgot:forget hid:hide dealt:deal meant:mean " +
    "spoke:speak spoken:speak wore:wear drew:draw drawn:draw threw:throw thrown:throw broke:break broken:break " +
    "feet:foot men:man women:woman people:person children:child data:data media:media"
  ).split(" ").map((pair) => pair.split(":") as [string, string]),
);

/** Content terms of a text: words minus stopwords, stemmed. */
export function terms(text: string): string[] {
  return words(text).filter((w) => !STOPWORDS.has(w)).map(stem);
}

/** Compact key for alias lookup: "Instinct MI-300" → "instinctmi300". */
export const compactKey = (text: string) => normalize(text).replace(/[^\p{L}\p{N}]+/gu, "");

/** Spaced key for alias lookup: "Amazon's  Bedrock" → "amazon bedrock". */
export const spacedKey = (text: string) => words(text).join(" ");

/**
 * Synonym groups: a query word matches a fact that uses another word of its group. Small and general on purpose:
 * what people say vs what the article says.
 */
const SYNONYM_GROUPS = [
  "launch release introduce debut announce unveil roll start begin",
  "invest investment stake fund funding put commit commitment back backing pour inject money",
  "cost price cheap cheaper cheapest expensive savings save saving lower afford",
  "chip processor silicon accelerator semiconductor",
  "ceo chief",
  "inhouse own custom proprietary homegrown",
  "inconsistent inconsistency contradict contradiction conflict conflicting disagree disagreement discrepancy dispute disputed",
  "buy bought acquire acquisition purchase",
  "worth value valued",
  "model llm",
  "partner partnership collaborate collaboration alliance deal agreement",
  "say said state stated claim note comment quote describe call",
  "big large huge size",
  "share shares stock equity",
  "gpu gpus graphics",
  "cloud aws",
  "add addition additional another increase increased remaining extra",
  "join participate engage",
  "upfront initial initially",
].map((g) => g.split(" ").map(stem));

const SYNONYMS = new Map<string, string[]>();
for (const group of SYNONYM_GROUPS) for (const t of group) SYNONYMS.set(t, [...new Set([...(SYNONYMS.get(t) ?? []), ...group.filter((x) => x !== t)])]);

export const synonymsOf = (term: string): readonly string[] => SYNONYMS.get(term) ?? [];

/**
 * Edit distance where a swap of two neighbouring letters is one edit ("yaer" → "year"), as people mistype
 * (optimal string alignment, the same measure as the damerau-levenshtein package, which the tests use as the
 * oracle), bounded: it returns max+1 as soon as no alignment can stay within `max`. Typo repair compares a word
 * with thousands of candidates per question, so this reuses its rows instead of building a matrix per call.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  if (rows[0]!.length <= n + 1) for (let i = 0; i < 3; i++) rows[i] = new Int32Array(n * 2 + 2);
  let [prev2, prev, cur] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[n]!, max + 1);
}

/** Three reusable rows for editDistance (the core is synchronous: one question at a time). */
const rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** How many typos a word of this length may carry and still match. */
export const typoBudget = (word: string) => (word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0);

/** Anything that can say whether it knows a word (a Set, or the knowledge base's vocabulary with its stems). */
export interface WordSet {
  has(word: string): boolean;
}

/** Words that make a statement (or a question) negative: "AWS had not rolled out MI300", "declined DGX Cloud". */
export const NEGATIVE = /\b(not|no|never|none|hadn't|hasn't|haven't|didn't|doesn't|don't|isn't|wasn't|aren't|won't|declined|declines|without|lack|lacks|lacked|absent|rather than|instead of)\b/i;
