// How common an English word is, from a frequency-ranked word list (zxcvbn's English dictionary). A question
// word the knowledge base never uses says little when it is everyday English ("ran", "story", "actually") and a
// lot when it is rare ("capitalization", "sourdough"): the knowledge base likely does not cover that topic.
// @ts-expect-error: the package ships this list as an untyped module
import commonWords from "@zxcvbn-ts/language-en/dist/commonWords.json.mjs";

let ranks: Map<string, number> | undefined;
let buckets: Map<string, { word: string; rank: number }[]> | undefined;

function build() {
  ranks = new Map();
  buckets = new Map();
  (commonWords as string[]).forEach((w, i) => {
    if (ranks!.has(w) || !/^[a-z]+$/.test(w)) return;
    ranks!.set(w, i);
    const key = `${w[0]}${w.length}`;
    const list = buckets!.get(key);
    if (list) list.push({ word: w, rank: i });
    else buckets!.set(key, [{ word: w, rank: i }]);
  });
}

/** Rank of a word among common English words (0 = most common), or undefined when it is not a common word. */
export function commonRank(word: string): number | undefined {
  if (!ranks) build();
  return ranks!.get(word);
}

/** Common words with this initial and length, most common first: typo-repair candidates. */
export function commonWordsByBucket(initial: string, length: number): readonly { word: string; rank: number }[] {
  if (!buckets) build();
  return buckets!.get(`${initial}${length}`) ?? [];
}
