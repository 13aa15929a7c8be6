// The search libraries a team might use instead of the core, over the same records and the same questions:
// minisearch (BM25-style with fuzzy and prefix matching, field boosts) and uFuzzy (one string per record, terms in
// any order). Each gets the question with its stopwords removed, as a developer wiring it to a chat box would do;
// the core gets the question as typed. Top-1 means the first hit is the record the question was made from.
import MiniSearch from "minisearch";
import uFuzzy from "@leeoniya/ufuzzy";
import type { KnowledgeBase } from "../src/kb/types.js";
import { round, summary, timeEach } from "./measure.js";
import type { BenchQuery } from "./queries.js";

export interface PeerResult {
  name: "minisearch" | "ufuzzy";
  build_ms: number;
  p50_ms: number;
  p99_ms: number;
  top1: number;
}

interface Doc {
  id: string;
  text: string;
  names: string;
}

const STOP = new Set("a an the and or of to in on at by for from with as is was were be been it its this that what which who whom when where why how much many did does do has have had about into their there".split(" "));
const keywords = (q: string) => q.toLowerCase().split(/[^a-z0-9$%.]+/).filter((w) => w && !STOP.has(w)).join(" ");

function docsOf(kb: KnowledgeBase): Doc[] {
  return kb.facts.map((f) => {
    const names = [f.subject, ...f.entities].flatMap((id) => {
      const e = kb.entityById.get(id);
      return e ? [e.name, ...e.aliases] : [];
    });
    return { id: f.id, text: `${f.text} ${f.value} ${f.keywords.join(" ")}`, names: names.join(" ") };
  });
}

/** Times each peer over `queries` after `warmup` untimed calls, as the core is timed. */
export function benchPeers(kb: KnowledgeBase, queries: readonly BenchQuery[], warmup: readonly BenchQuery[]): PeerResult[] {
  const docs = docsOf(kb);
  const out: PeerResult[] = [];

  let t = performance.now();
  const mini = new MiniSearch<Doc>({ fields: ["text", "names"], storeFields: ["id"], searchOptions: { fuzzy: 0.2, prefix: true, boost: { names: 2 } } });
  mini.addAll(docs);
  const miniBuild = performance.now() - t;
  const miniFirst = (q: BenchQuery) => mini.search(keywords(q.text))[0]?.id as string | undefined;
  out.push(measure("minisearch", miniBuild, queries, warmup, miniFirst));

  t = performance.now();
  const haystack = docs.map((d) => `${d.names} ${d.text}`);
  const uf = new uFuzzy({ intraMode: 1 });
  const ufBuild = performance.now() - t;
  const ufFirst = (q: BenchQuery) => {
    const [idxs, info, order] = uf.search(haystack, keywords(q.text), 1);
    if (!idxs || !idxs.length) return undefined;
    const i = info && order && order.length ? info.idx[order[0]!]! : idxs[0]!;
    return docs[i]?.id;
  };
  out.push(measure("ufuzzy", ufBuild, queries, warmup, ufFirst));
  return out;
}

function measure(name: PeerResult["name"], build: number, queries: readonly BenchQuery[], warmup: readonly BenchQuery[], first: (q: BenchQuery) => string | undefined): PeerResult {
  for (const q of warmup) first(q);
  let hits = 0;
  const ms = timeEach(queries, first, (q, id) => void (id === q.factId && hits++));
  const s = summary(ms);
  return { name, build_ms: Math.round(build), p50_ms: s.p50, p99_ms: s.p99, top1: round(hits / Math.max(1, queries.length), 3) };
}
