// How common an English word is, from a frequency-ranked word list (zxcvbn's English dictionary). A question
// word the knowledge base never uses says little when it is everyday English ("ran", "story", "actually") and a
// lot when it is rare ("capitalization", "sourdough"): the knowledge base likely does not cover that topic.
// @ts-expect-error: the package ships this list as an untyped module
import commonWords from "@zxcvbn-ts/language-en/dist/commonWords.json.mjs";

let ranks: Map<string, number> | undefined;

/** Rank of a word among common English words (0 = most common), or undefined when it is not a common word. */
export function commonRank(word: string): number | undefined {
  if (!ranks) {
    ranks = new Map();
    (commonWords as string[]).forEach((w, i) => {
      if (!ranks!.has(w)) ranks!.set(w, i);
    });
  }
  return ranks.get(word);
}
