// Finds the companies, chips, models and people a question names: exact alias lookup first (fast, certain),
// then fuse.js over names and aliases for typos ("tranium", "anthropc"), checked by edit distance so a
// fuzzy hit is a plausible misspelling and not a coincidence. Built once per knowledge base.
import Fuse from "fuse.js";
import type { Entity } from "../kb/schema.js";
import type { KnowledgeBase } from "../kb/types.js";
import { compactKey, editDistance, spacedKey, STOPWORDS, typoBudget, words, type WordSet } from "./text.js";

export interface EntityMention {
  id: string;
  /** word positions [start, end) in words(question) */
  start: number;
  end: number;
  /** 1 for an exact alias, lower for a typo match */
  confidence: number;
  /** the entity's kind (chip, company, person…) */
  kind: string;
}

interface AliasEntry {
  key: string;
  label: string;
  id: string;
}

const MAX_ALIAS_WORDS = 5;
/** Names shorter than this are matched exactly only: a one-letter typo of a four-letter name is usually another word. */
const MIN_FUZZY_NAME = 5;
const digitsOf = (s: string) => s.replace(/\D+/g, "");
/** Words a compact name may be typed in ("mi 300", "trn 1 n"). */
const COMPACT_WORDS = 3;

export class EntityIndex {
  private readonly exact = new Map<string, string[]>();
  private readonly compact = new Map<string, string[]>();
  private readonly entries: AliasEntry[] = [];
  /** every alias and every word of an alias, sorted, for prefix search by binary search */
  private readonly prefixes: { text: string; entry: AliasEntry }[] = [];
  /**
   * fuse.js over aliases and alias words, one index per initial letter and length, built on first use: a typo
   * search then looks at a few hundred short strings even at 100k records, instead of all of them.
   */
  private readonly fuseByInitial = new Map<string, Fuse<{ text: string; entry: AliasEntry }>>();
  private readonly byInitial = new Map<string, { text: string; entry: AliasEntry }[]>();
  /** entities by how often facts mention them, for an empty autocomplete */
  private readonly mostMentioned: string[];
  /** how often each entity is mentioned by facts: ranks autocomplete and breaks ties */
  readonly prominence = new Map<string, number>();
  /** for each first word of a multi-word alias, the most words such an alias has */
  private readonly longestFrom = new Map<string, number>();

  constructor(private readonly kb: KnowledgeBase) {
    for (const f of kb.facts) for (const id of [f.subject, ...f.entities]) this.prominence.set(id, (this.prominence.get(id) ?? 0) + 1);
    for (const e of kb.entities) {
      for (const label of [e.name, ...e.aliases]) {
        const key = spacedKey(label);
        // One- and two-letter aliases ("Q") and stopwords would match ordinary words.
        if (key.length < 2 || STOPWORDS.has(key)) continue;
        add(this.exact, key, e.id);
        const n = key.split(" ").length;
        const first = key.split(" ")[0]!;
        if (n > (this.longestFrom.get(first) ?? 0)) this.longestFrom.set(first, n);
        const c = compactKey(label);
        if (c.length >= 4) add(this.compact, c, e.id);
        this.entries.push({ key, label, id: e.id });
      }
      const idKey = e.id.replace(/-/g, " ");
      add(this.exact, idKey, e.id);
      const idWords = idKey.split(" ");
      if (idWords.length > (this.longestFrom.get(idWords[0]!) ?? 0)) this.longestFrom.set(idWords[0]!, idWords.length);
    }
    for (const entry of this.entries) {
      const texts = new Set([entry.key, ...entry.key.split(" ").filter((w) => w.length >= 3)]);
      for (const text of texts) {
        this.prefixes.push({ text, entry });
        const bucket = bucketOf(text, text.length);
        const list = this.byInitial.get(bucket);
        if (list) list.push({ text, entry });
        else this.byInitial.set(bucket, [{ text, entry }]);
      }
    }
    this.prefixes.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    this.mostMentioned = [...this.prominence.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  }

  private fuseFor(bucket: string): Fuse<{ text: string; entry: AliasEntry }> | undefined {
    let fuse = this.fuseByInitial.get(bucket);
    const list = this.byInitial.get(bucket);
    if (!fuse && list) {
      fuse = new Fuse(list, { keys: ["text"], threshold: 0.34, includeScore: true, ignoreLocation: true, minMatchCharLength: 3 });
      this.fuseByInitial.set(bucket, fuse);
    }
    return fuse;
  }

  /** fuse.js over the strings a typo of `text` could be: same initial, length from `shorter` below to `longer` above. */
  private searchNear(text: string, shorter: number, longer: number, limit: number) {
    const hits: ReturnType<Fuse<{ text: string; entry: AliasEntry }>["search"]> = [];
    for (let len = Math.max(1, text.length - shorter); len <= text.length + longer; len++) {
      hits.push(...(this.fuseFor(bucketOf(text, len))?.search(text, { limit }) ?? []));
    }
    return hits.sort((a, b) => (a.score ?? 1) - (b.score ?? 1)).slice(0, limit);
  }

  /** Aliases (or alias words) starting with `prefix`, by binary search over the sorted list. */
  private withPrefix(prefix: string, max: number): AliasEntry[] {
    let lo = 0;
    let hi = this.prefixes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.prefixes[mid]!.text < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: AliasEntry[] = [];
    for (let i = lo; i < this.prefixes.length && out.length < max && this.prefixes[i]!.text.startsWith(prefix); i++) out.push(this.prefixes[i]!.entry);
    return out;
  }

  get(id: string): Entity | undefined {
    return this.kb.entityById.get(id);
  }

  /**
   * Entities named in a question. `vocabulary` holds every word the knowledge base uses: a word found there is
   * a real word, not a typo, so it is never fuzzily read as an entity ("instance" is not "Instinct").
   * Without a vocabulary only exact names count (used to read fact texts, which have no typos).
   */
  find(question: string, vocabulary?: WordSet): EntityMention[] {
    const ws = words(question);
    const used = new Array<boolean>(ws.length).fill(false);
    const mentions: EntityMention[] = [];
    const take = (ids: string[], start: number, end: number, confidence: number) => {
      for (let i = start; i < end; i++) used[i] = true;
      for (const id of ids) if (!mentions.some((m) => m.id === id)) mentions.push({ id, start, end, confidence, kind: this.kb.entityById.get(id)?.kind ?? "" });
    };
    // Longest exact match first, so "Amazon Bedrock" beats "Amazon". A window of n words is only looked up when
    // some alias of n words starts with its first word, or it may spell a compact name ("mi 300" → "mi300").
    for (let n = Math.min(MAX_ALIAS_WORDS, ws.length); n >= 1; n--) {
      for (let i = 0; i + n <= ws.length; i++) {
        if (n > 1 && n > (this.longestFrom.get(ws[i]!) ?? 0) && n > COMPACT_WORDS) continue;
        let free = true;
        for (let k = i; k < i + n && free; k++) free = !used[k];
        if (!free) continue;
        const slice = ws.slice(i, i + n);
        const spaced = slice.join(" ");
        const joined = slice.join("");
        // A plural of a name ("h100s", "tpus") names it too; only exact names, never a typo.
        const singular = n === 1 && spaced.length >= 4 && spaced.endsWith("s") ? spaced.slice(0, -1) : undefined;
        const ids = this.exact.get(spaced) ?? (joined.length >= 4 ? this.compact.get(joined) : undefined) ?? (singular ? (this.exact.get(singular) ?? this.compact.get(singular)) : undefined);
        if (ids) take(ids, i, i + n, 1);
      }
    }
    if (!vocabulary) return mentions;
    // "gadi hut": two words that together spell a two-word name with a typo, though each alone is a real word.
    for (let i = 0; i + 1 < ws.length; i++) {
      const [a, b] = [ws[i]!, ws[i + 1]!];
      if (used[i] || used[i + 1] || STOPWORDS.has(a) || STOPWORDS.has(b) || /\d/.test(a + b) || a.length + b.length < 7) continue;
      const hit = this.fuzzy(`${a} ${b}`, true);
      if (hit) take(hit.ids, i, i + 2, hit.confidence);
    }
    // Typos: one word or two adjacent words that are not real words of the knowledge base.
    for (let i = 0; i < ws.length; i++) {
      if (used[i]) continue;
      const w = ws[i]!;
      // Digits are identity: "trainium3" is not a typo of "Trainium2", nor "mi325x" of "MI300X".
      if (w.length < 4 || STOPWORDS.has(w) || vocabulary.has(w) || /\d/.test(w)) continue;
      // "swami sivasubramaniam": a misspelt word next to a name found exactly may complete a longer name of it.
      const near = mentions.find((m) => m.end === i || m.start === i + 1);
      if (near && this.completes(near, ws, i)) {
        near.start = Math.min(near.start, i);
        near.end = Math.max(near.end, i + 1);
        used[i] = true;
        continue;
      }
      const hit = this.fuzzy(w);
      if (hit) take(hit.ids, i, i + 1, hit.confidence);
    }
    return mentions;
  }

  /** Does `ws[i]`, joined to the words of mention `m`, spell one of m's entity's names with a typo or two? */
  private completes(m: EntityMention, ws: string[], i: number): boolean {
    const e = this.kb.entityById.get(m.id);
    if (!e) return false;
    const text = (i < m.start ? [ws[i], ...ws.slice(m.start, m.end)] : [...ws.slice(m.start, m.end), ws[i]]).join(" ");
    const budget = Math.max(1, typoBudget(ws[i]!));
    return [e.name, ...e.aliases].some((label) => {
      const key = spacedKey(label);
      return key.split(" ").length === m.end - m.start + 1 && editDistance(text, key, budget) <= budget;
    });
  }

  /** Resolves a name typed into a command option (`about tranium`, an autocomplete value, an id). */
  resolve(name: string): { ids: string[]; confidence: number } | undefined {
    const trimmed = name.trim();
    if (this.kb.entityById.has(trimmed)) return { ids: [trimmed], confidence: 1 };
    const key = spacedKey(trimmed);
    const exact = this.exact.get(key) ?? this.compact.get(compactKey(trimmed));
    if (exact) return { ids: exact, confidence: 1 };
    return this.fuzzy(key);
  }

  private fuzzy(text: string, wholeNamesOnly = false): { ids: string[]; confidence: number } | undefined {
    const budget = Math.max(1, typoBudget(text));
    // A typo in the very first letter is rare; looking only under the same initial keeps this fast at scale.
    const hits = this.searchNear(text, budget, budget, 8);
    let best: { ids: string[]; confidence: number; d: number } | undefined;
    for (const h of hits) {
      // A match on one word of a longer alias must be that word ("tranium" → "trainium"), not the whole name.
      const target = h.item.text;
      const d = Math.min(editDistance(text, target, budget), editDistance(text.replace(/\s+/g, ""), compactKey(target), budget));
      // A word of a longer alias counts only when it is itself a name ("trainium" of "Amazon Trainium"), and then
      // for what that name means, not for the longer alias ("amazon" of "Amazon Bedrock" is Amazon).
      if (wholeNamesOnly && (target !== h.item.entry.key || !target.includes(" "))) continue;
      const ids = target === h.item.entry.key ? [h.item.entry.id] : this.exact.get(target);
      // Short names are a letter away from too many words ("gaudi" is not "Gadi"); digits never differ by a typo.
      if (d > budget || !ids || target.replace(/\s+/g, "").length < MIN_FUZZY_NAME || digitsOf(target) !== digitsOf(text)) continue;
      const confidence = 1 - d / Math.max(4, text.length);
      if (!best || d < best.d) best = { ids: [...ids], confidence, d };
      else if (d === best.d) for (const id of ids) if (!best.ids.includes(id)) best.ids.push(id);
    }
    return best && { ids: best.ids, confidence: best.confidence };
  }

  /** Autocomplete: prefix matches of names and aliases first, then typo-tolerant matches; one entry per entity. */
  suggest(partial: string, limit: number): Entity[] {
    const key = spacedKey(partial);
    const out: Entity[] = [];
    const push = (id: string) => {
      const e = this.kb.entityById.get(id);
      if (e && !out.includes(e) && out.length < limit) out.push(e);
    };
    if (!key) {
      for (const id of this.mostMentioned) if (out.length < limit) push(id);
      return out;
    }
    const prefixed = this.withPrefix(key, limit * 20);
    prefixed.sort((a, b) => (this.prominence.get(b.id) ?? 0) - (this.prominence.get(a.id) ?? 0)).forEach((a) => push(a.id));
    // A partial name with a typo ("tranu") is shorter than the name it starts.
    if (out.length < limit) for (const h of this.searchNear(key, 1, 8, limit * 2)) push(h.item.entry.id);
    return out;
  }
}

/** Typo buckets: a misspelling keeps its first letter and almost its length. */
const bucketOf = (text: string, length: number) => `${text[0] ?? ""}${length}`;

function add(map: Map<string, string[]>, key: string, id: string) {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}
