// Query and autocomplete latency, top-1 and heap at one knowledge-base size, next to the fuse.js baseline.
import { resolve } from "node:path";
import { createCore } from "../src/core/index.js";
import { loadKnowledgeBase } from "../src/kb/loader.js";
import type { KnowledgeBase } from "../src/kb/types.js";
import { heapMb, round, summary, timeEach } from "./measure.js";
import { baselineIndex, makePartials, makeQueries, type BenchQuery } from "./queries.js";
import { loadSynthetic } from "./synthetic.js";
import { benchPeers, type PeerResult } from "./peers.js";
import { loadLexicon } from "../src/lexicon/load.js";

export const NOW = new Date("2026-12-01T12:00:00Z");
/** Untimed calls before timing: JIT deopts settle after a few thousand (see the warm-up comment below). */
const WARMUP_CALLS = 3000;

export interface SizeResult {
  label: string;
  records: number;
  entities: number;
  load_ms: number;
  index_ms: number;
  /** heap in use after a full GC with this size's knowledge base and core loaded (whole process) */
  heap_mb: number;
  /** the same before loading it: what the process held already */
  heap_before_mb: number;
  query: {
    records: number;
    queries: number;
    p50_ms: number;
    p99_ms: number;
    top1: number;
    /** null when the baseline was not timed at this size (see baseline_queries) */
    baseline_p50_ms: number | null;
    baseline_p99_ms: number | null;
    baseline_top1: number | null;
    /** how many of the queries the baseline timed (all below 10k records; an even sample above) */
    baseline_queries: number;
    /** the core's top-1 on exactly the baseline's sample, so the two compare like for like */
    top1_on_baseline_sample: number | null;
    speedup_p50: number | null;
    top1_by_phrasing: Record<string, number>;
    /** minisearch and uFuzzy over the same records and questions (bench/peers.ts) */
    peers: PeerResult[];
  };
  autocomplete: { records: number; p50_ms: number; p99_ms: number };
}

export interface SizeOptions {
  queries: number;
  /** the baseline times at most this many queries at this size (evenly spread over the mix) */
  baselineSample: number;
  log: (line: string) => void;
}

/** Loads one size ("shipped" = data/, else a synthetic record count), measures, and lets everything go. */
export function benchSize(size: "shipped" | number, opts: SizeOptions): SizeResult {
  const before = heapMb();
  const t0 = performance.now();
  const kb: KnowledgeBase = size === "shipped" ? loadKnowledgeBase(resolve("data")).kb : loadSynthetic(size).kb;
  const t1 = performance.now();
  // The core as the bot runs it: with the English word list and the WordNet thesaurus for this vocabulary.
  let core = createCore(kb, loadLexicon(kb));
  const t2 = performance.now();
  const records = kb.facts.length;
  const label = size === "shipped" ? "shipped" : String(size);
  opts.log(`  ${label}: ${records} facts, ${kb.entities.length} entities, loaded in ${Math.round(t1 - t0)} ms, indexed in ${Math.round(t2 - t1)} ms`);

  const queries = makeQueries(kb, opts.queries);
  // Warm-up on other questions, not measured: a few thousand calls, so the JIT has settled (its deopts and
  // recompiles come in the first thousands) and p99 shows the steady state a running bot sees.
  const warmup = makeQueries(kb, Math.min(200, opts.queries), 99);
  for (let i = 0; i < WARMUP_CALLS; i++) core.ask(warmup[i % warmup.length]!.text, { now: NOW });
  const firstId = (q: BenchQuery) => core.ask(q.text, { now: NOW }).sections[0]?.items[0]?.id;
  const hits = new Map<BenchQuery, boolean>();
  const coreMs = timeEach(queries, (q) => firstId(q), (q, id) => hits.set(q, id === q.factId));
  const heap = heapMb();

  const partials = makePartials(kb, opts.queries);
  for (const p of partials.slice(0, 10)) core.autocomplete("entity", p, 25);
  const acMs = timeEach(partials, (p) => core.autocomplete("entity", p, 25));

  // Baseline: plain fuse.js over the same facts, same questions (an even sample at large sizes).
  const fuse = baselineIndex(kb);
  const step = Math.max(1, Math.ceil(queries.length / Math.max(1, opts.baselineSample)));
  const sample = opts.baselineSample > 0 ? queries.filter((_, i) => i % step === 0).slice(0, opts.baselineSample) : [];
  let baseHits = 0;
  const baseMs = timeEach(sample, (q) => fuse.search(q.text, { limit: 1 })[0]?.item.id, (q, id) => void (id === q.factId && baseHits++));
  opts.log(`  ${label}: core ${queries.length} queries, baseline ${sample.length}`);

  const byPhrasing: Record<string, number> = {};
  for (const ph of new Set(queries.map((q) => q.phrasing))) {
    const qs = queries.filter((q) => q.phrasing === ph);
    byPhrasing[ph] = round(qs.filter((q) => hits.get(q)).length / qs.length, 3);
  }
  const peers = benchPeers(kb, queries, warmup);
  opts.log(`  ${label}: peers ${peers.map((p) => `${p.name} top1 ${p.top1} p99 ${p.p99_ms} ms`).join(", ")}`);
  const c = summary(coreMs);
  const b = summary(baseMs);
  const a = summary(acMs);
  core = undefined as never;
  return {
    label,
    records,
    entities: kb.entities.length,
    load_ms: Math.round(t1 - t0),
    index_ms: Math.round(t2 - t1),
    heap_mb: round(heap, 1),
    heap_before_mb: round(before, 1),
    query: {
      records,
      queries: queries.length,
      p50_ms: c.p50,
      p99_ms: c.p99,
      top1: round([...hits.values()].filter(Boolean).length / queries.length, 3),
      baseline_p50_ms: sample.length ? b.p50 : null,
      baseline_p99_ms: sample.length ? b.p99 : null,
      baseline_top1: sample.length ? round(baseHits / sample.length, 3) : null,
      baseline_queries: sample.length,
      top1_on_baseline_sample: sample.length ? round(sample.filter((q) => hits.get(q)).length / sample.length, 3) : null,
      speedup_p50: sample.length ? round(b.p50 / c.p50, 1) : null,
      top1_by_phrasing: byPhrasing,
      peers,
    },
    autocomplete: { records, p50_ms: a.p50, p99_ms: a.p99 },
  };
}
