// Words as people type them: each question word is read as a knowledge-base word, an English word, a repaired
// typo of one of those, or an unknown word (most often a name the knowledge base does not cover). A correctly
// spelled English word is never "repaired" into a different word ("mind" stays "mind", never "mid").
import { editDistance, QUESTION_WORDS } from "../text.js";
import type { Lexicon } from "../lexicon.js";
import { SPELLING } from "../rank/config.js";

export type WordKind = "kb" | "english" | "repaired" | "unknown";

export interface WordReading {
  /** as typed, lowercased */
  typed: string;
  /** the word it is read as (the typed word unless repaired) */
  word: string;
  kind: WordKind;
  /** edits between typed and word */
  distance: number;
  /**
   * repaired into an English word the knowledge base does not use, by letter substitutions only ("gaudi" →
   * "gaudy", "capex" → "caper"): as likely a name as a typo, so context decides (src/core/understand/unknowns.ts)
   */
  doubtful?: boolean;
}

/** What the speller needs to know about the knowledge base's own words. */
export interface KbWords {
  /** a word the knowledge base uses, as written or by its stem */
  has(word: string): boolean;
  /** words of the knowledge base's statements (not only names), to repair into, with how many records use each */
  repairTargets(initial: string, length: number): readonly { word: string; df: number }[];
}

export class Speller {
  private readonly cache = new Map<string, WordReading>();

  constructor(
    private readonly kb: KbWords,
    private readonly lexicon: Lexicon,
  ) {}

  read(typed: string): WordReading {
    let r = this.cache.get(typed);
    if (!r) {
      r = this.readUncached(typed);
      if (this.cache.size < SPELLING.cacheSize) this.cache.set(typed, r);
    }
    return r;
  }

  private nearestKbWord(typed: string): string | undefined {
    if (typed.length < SPELLING.oneEditFrom) return undefined;
    let best: { word: string; df: number } | undefined;
    for (let len = typed.length - 1; len <= typed.length + 1; len++) {
      for (const t of this.kb.repairTargets(typed[0]!, len)) if (editDistance(typed, t.word, 1) <= 1 && (!best || t.df > best.df)) best = t;
    }
    return best?.word;
  }

  private readUncached(typed: string): WordReading {
    const same = (kind: WordKind): WordReading => ({ typed, word: typed, kind, distance: 0 });
    if (this.kb.has(typed)) return same("kb");
    if (/\d/.test(typed)) return same("unknown");
    // A rare word one letter from a question word is that question word ("wich" is a tree, but not in a question).
    if (this.lexicon.commonRank(typed) === undefined && typed.length <= 5) {
      const q = QUESTION_WORDS.find((w) => w.length >= 3 && editDistance(typed, w, 1) <= 1 && sameLettersOrSubsequence(typed, w));
      if (q) return { typed, word: q, kind: "repaired", distance: 1 };
    }
    // A rarer word that is a grammar word with two letters swapped is that word: "what cloud dose anthropic use".
    const rank = this.lexicon.commonRank(typed);
    if (typed.length >= 3 && (rank === undefined || rank > SPELLING.swappedGrammarRank)) {
      const g = GRAMMAR_WORDS.find((w) => w.length === typed.length && editDistance(typed, w, 1) <= 1 && sameLettersOrSubsequence(typed, w));
      if (g) return { typed, word: g, kind: "repaired", distance: 1 };
    }
    // A rare English word a letter away from a knowledge-base word is that word mistyped ("cheeper" is a young
    // bird, but in a question about chips it is "cheaper"); a common English word is never repaired.
    if (this.lexicon.isWord(typed)) {
      if (rank !== undefined && rank <= SPELLING.rareWordRank) return same("english");
      const near = this.nearestKbWord(typed);
      return near ? { typed, word: near, kind: "repaired", distance: 1 } : same("english");
    }
    const budget = typoBudget(typed);
    if (!budget) return same("unknown");
    let best: { word: string; distance: number; rank: number; kb: boolean } | undefined;
    const consider = (word: string, kb: boolean, popularity: number) => {
      const d = editDistance(typed, word, budget);
      if (d > budget) return;
      // An omitted, doubled or swapped letter is the commonest typo: such a candidate wins a tie.
      const rank = d - (sameLettersOrSubsequence(typed, word) ? SPELLING.likelyTypoBonus : 0) - (kb ? SPELLING.kbWordBonus : 0) - popularity;
      if (!best || rank < best.rank) best = { word, distance: d, rank, kb };
    };
    for (let len = typed.length - budget; len <= typed.length + budget; len++) {
      for (const t of this.kb.repairTargets(typed[0]!, len)) consider(t.word, true, Math.min(SPELLING.maxPopularity, t.df * SPELLING.perRecord));
      for (const t of this.lexicon.commonWords(typed[0]!, len)) consider(t.word, false, Math.max(0, SPELLING.maxPopularity - t.rank * SPELLING.perRank));
    }
    if (!best) return same("unknown");
    const found: { word: string; distance: number; kb: boolean } = best;
    const doubtful = !found.kb && !sameLettersOrSubsequence(typed, found.word);
    return { typed, word: found.word, kind: "repaired", distance: found.distance, ...(doubtful ? { doubtful } : {}) };
  }
}

/** Words that only hold a sentence together: a swap of two of their letters is a slip, never meant. */
const GRAMMAR_WORDS = (
  "the and for from with into onto over under about does did was were are been have has had will would should could " +
  "can may might must this that these those there their they them what which who whom whose when where why how not than then also some each every both other its"
).split(" ");

/** How many edits a word of this length may carry and still be repaired: none for three letters or fewer. */
export function typoBudget(word: string): number {
  return word.length >= SPELLING.twoEditsFrom ? 2 : word.length >= SPELLING.oneEditFrom ? 1 : 0;
}

/** "wher" in "where", "compnay"/"company" (same letters): the typo kinds people make most. */
export function sameLettersOrSubsequence(a: string, b: string): boolean {
  if (a.length === b.length) return [...a].sort().join("") === [...b].sort().join("");
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  for (const c of long) if (c === short[i]) i++;
  return i === short.length;
}
