// Builds the core's Lexicon for a knowledge base: the English word list and a WordNet thesaurus restricted to
// the knowledge base's words. The thesaurus takes about half a second to build, so it is kept in the same cache
// directory as the knowledge-base snapshot, named by the vocabulary's hash (a changed knowledge base rebuilds it).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { KnowledgeBase } from "../kb/types.js";
import type { Lexicon } from "../core/lexicon.js";
import { kbVocabulary } from "../core/vocabulary.js";
import { englishWords } from "./english.js";
import { baseForms, nounBaseForms, buildThesaurus, nounLemmas, type Thesaurus } from "./wordnet.js";

const built = new Map<string, Thesaurus>();

export function loadLexicon(kb: KnowledgeBase, opts: { cacheDir?: string } = {}): Lexicon {
  const english = englishWords();
  const thesaurus = thesaurusFor(kbVocabulary(kb), opts.cacheDir);
  return Object.freeze({
    isWord: english.isWord,
    commonRank: english.commonRank,
    commonWords: english.commonWords,
    thesaurus(wordOrPhrase: string) {
      for (const base of baseForms(wordOrPhrase)) {
        const hit = thesaurus.get(base);
        if (hit) return hit;
      }
      return [];
    },
    isNoun(word: string) {
      const nouns = nounLemmas();
      return nounBaseForms(word).some((b) => nouns.has(b));
    },
  });
}

function thesaurusFor(vocabulary: Set<string>, cacheDir: string | undefined): Thesaurus {
  const key = createHash("sha256").update([...vocabulary].sort().join("\n")).update(codeVersion()).digest("hex").slice(0, 12);
  const file = cacheDir ? join(cacheDir, `thesaurus-${key}.json`) : undefined;
  const known = built.get(key);
  if (known) {
    // Built in this process for another cache directory: this one still gets its copy for the next start.
    if (file && cacheDir && !existsSync(file)) writeCache(cacheDir, file, known);
    return known;
  }
  let thesaurus: Thesaurus | undefined;
  try {
    if (file && existsSync(file)) thesaurus = new Map(JSON.parse(readFileSync(file, "utf8")) as [string, { word: string; credit: number }[]][]);
  } catch {
    // A corrupt cache only costs a rebuild.
  }
  if (!thesaurus) {
    thesaurus = buildThesaurus(vocabulary);
    if (file && cacheDir) writeCache(cacheDir, file, thesaurus);
  }
  built.clear();
  built.set(key, thesaurus);
  return thesaurus;
}

let version: string | undefined;
/** The thesaurus code and its tuning: a change to either must not reuse an old cache. */
function codeVersion(): string {
  if (!version) {
    const hash = createHash("sha256");
    for (const url of [new URL("./wordnet.js", import.meta.url), new URL("../core/rank/config.js", import.meta.url)]) {
      const path = fileURLToPath(url).replace(/\.js$/, ".ts");
      hash.update(existsSync(path) ? readFileSync(path) : fileURLToPath(url));
    }
    version = hash.digest("hex").slice(0, 8);
  }
  return version;
}

function writeCache(dir: string, file: string, thesaurus: Thesaurus) {
  try {
    mkdirSync(dir, { recursive: true });
    for (const old of readdirSync(dir)) if (/^thesaurus-.*\.json$/.test(old) && join(dir, old) !== file) rmSync(join(dir, old), { force: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify([...thesaurus]));
    renameSync(tmp, file);
  } catch {
    // A read-only or full disk only costs the next start its shortcut.
  }
}
