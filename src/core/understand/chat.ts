// Chat shorthand as people type it in Slack and Discord ("wat", "hw", "u", "w/", "bc", "dont"): read into plain
// English before typo repair, so a shorthand is never "repaired" into some knowledge-base word. General English
// chat usage only; names and product nicknames ("amzn", "team red") are entity aliases in data/entities.yaml.

/** One shorthand → its words ("" for filler that carries nothing: "btw", "tbh"). */
const SHORTHAND: Readonly<Record<string, string>> = Object.freeze({
  // question words
  wat: "what", wut: "what", wen: "when", wher: "where", wich: "which", hu: "who", wht: "what", wot: "what", wats: "what is", whats: "what is", whatre: "what are",
  hw: "how", hows: "how is", whos: "who is", wheres: "where is", whens: "when is", whys: "why is", y: "why",
  // pronouns and glue
  u: "you", ur: "your", r: "are", n: "and", "&": "and", w: "with", wo: "without", b4: "before", abt: "about", bout: "about",
  thru: "through", tho: "though", altho: "although", cuz: "because", coz: "because", bc: "because", b: "be",
  ppl: "people", sth: "something", smth: "something", ya: "you", yeah: "yes", yep: "yes", nope: "no", nah: "no",
  // contractions typed without the apostrophe
  dont: "do not", doesnt: "does not", didnt: "did not", isnt: "is not", wasnt: "was not", arent: "are not",
  werent: "were not", cant: "cannot", wont: "will not", hasnt: "has not", havent: "have not", hadnt: "had not",
  shouldnt: "should not", wouldnt: "would not", couldnt: "could not", im: "i am", ive: "i have", youre: "you are",
  theyre: "they are", thats: "that is", theres: "there is", whatd: "what did", howd: "how did", whyd: "why did",
  // abbreviations of ordinary words
  yr: "year", yrs: "years", mo: "month", mos: "months", wk: "week", mins: "minutes", approx: "approximately",
  est: "estimated", govt: "government", mgmt: "management", cust: "customer", custs: "customers", svc: "service",
  svcs: "services", info: "information", gen: "generation", gens: "generations", dev: "developer", devs: "developers",
  exec: "executive", execs: "executives", biz: "business", co: "company", cos: "companies", corp: "corporation",
  intl: "international", natl: "national", tech: "technology", mil: "million", mln: "million", bil: "billion",
  bn: "billion", rev: "revenue", perf: "performance", infra: "infrastructure", prob: "probably", def: "definitely",
  diff: "difference", compat: "compatibility", avail: "available", ann: "announcement", acq: "acquisition",
  pls: "please", plz: "please", thx: "thanks", ty: "thanks", collab: "collaboration", colab: "collaboration",
  collabs: "collaborations", em: "them", ctr: "center", ctrs: "centers", dc: "data center", dcs: "data centers",
  mgr: "manager", pct: "percent", qtr: "quarter", yoy: "year over year", vs: "versus", v: "versus",
  kinda: "kind of", sorta: "sort of", gonna: "will", wanna: "want to", gotta: "have to", lemme: "let me",
  "1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", gimme: "give me", dunno: "do not know", sus: "suspicious", fishy: "suspicious", sketchy: "suspicious",
  // filler: says nothing about what is asked
  btw: "", fyi: "", tbh: "", imo: "", imho: "", iirc: "", afaik: "", lol: "", idk: "", ok: "", okay: "", hey: "",
  rn: "now", atm: "now", asap: "", ngl: "", tldr: "", tl: "", dr: "",
});

/** Chat-only marks that join words: "w/" (with), "w/o" (without), "b/c" (because). */
const JOINED: readonly [RegExp, string | ((match: string, n: string) => string)][] = [
  [/\bw\/o\b/gi, " without "],
  [/\bb\/c\b/gi, " because "],
  [/\bw\//gi, " with "],
  [/(?<=\s|^)@(?=\s)/g, " at "],
  [/\s\+\s/g, " and "],
  [/\btl;?dr\b/gi, " "],
  [/\bacc\.?\s+to\b/gi, " per "],
  // "epyc gen2", "gen 4": a generation by its number, as the knowledge base writes it ("2nd generation")
  [/\bgen\s?([1-5])\b/gi, (_m: string, n: string) => ` ${["first", "second", "third", "fourth", "fifth"][Number(n) - 1]} generation `],
];

/** Replaces chat marks ("w/", "b/c") before the text is split into words. */
export function expandChatMarks(text: string): string {
  let out = text;
  // two calls: replace() takes a string or a function, not their union
  for (const [re, by] of JOINED) out = typeof by === "string" ? out.replace(re, by) : out.replace(re, by);
  return out;
}

/** The plain words a shorthand stands for, or undefined when the word is not a shorthand. */
export function shorthand(word: string): string | undefined {
  return Object.hasOwn(SHORTHAND, word) ? SHORTHAND[word] : undefined;
}

/** Every shorthand's own spelling: the speller never repairs into or out of these. */
export const SHORTHAND_WORDS: ReadonlySet<string> = new Set(Object.keys(SHORTHAND));
