// English spelling: the word-list package (a maintained list of 274k English words in every inflection, no
// proper nouns), so a correctly spelled word is never "repaired", and a word missing from it is a typo or a name.
import { readFileSync } from "node:fs";
import wordListPath from "word-list";
import { commonRank, commonWordsByBucket } from "../core/commonness.js";

export interface EnglishWords {
  isWord(word: string): boolean;
  /** common words (zxcvbn frequency list) that are also dictionary words: names are not repair targets */
  commonWords(initial: string, length: number): readonly { word: string; rank: number }[];
  commonRank(word: string): number | undefined;
}

let loaded: EnglishWords | undefined;

/** Loads the word list once per process: a sorted array searched by bisection (no 274k-entry Set to build). */
export function englishWords(): EnglishWords {
  if (loaded) return loaded;
  const list = readFileSync(wordListPath, "utf8").split("\n").filter(Boolean);
  // The file is sorted but for a couple of entries; bisection needs strict code-unit order.
  list.sort();
  const isWord = (word: string) => {
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const w = list[mid]!;
      if (w === word) return true;
      if (w < word) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
  const buckets = new Map<string, { word: string; rank: number }[]>();
  loaded = {
    isWord,
    commonRank,
    commonWords(initial, length) {
      const key = `${initial}${length}`;
      let out = buckets.get(key);
      if (!out) buckets.set(key, (out = commonWordsByBucket(initial, length).filter((c) => isWord(c.word))));
      return out;
    },
  };
  return loaded;
}
