// npm run bench                      → a readable table
// npm run bench -- --json            → one JSON object (fields in the README, "Benchmark")
// npm run bench -- --quick           → a tiny run (shipped KB + 200 synthetic records, few requests): for tests
// npm run bench -- --sizes 1000,10000 → synthetic sizes to measure (the shipped KB is always measured)
// npm run bench -- --full            → also time the fuse.js baseline on 10 queries at 100k (≈ 10 more minutes)
// npm run bench -- --skip slack,postgres,digest,cold,chart → leave parts out
// Latencies are one run on a shared machine: read them as rough. Nothing here is asserted in tests.
import { benchChart, type ChartResult } from "./chart.js";
import { coldStart } from "./cold.js";
import { benchDigest, type DigestResult } from "./digest.js";
import { round } from "./measure.js";
import { benchSize, type SizeResult } from "./search.js";
import { benchPostgres, type PostgresResult } from "./postgres.js";
import { benchSlack, SLACK_REQUESTS_PER_BLOCK, SLACK_ROUNDS, type SlackResult } from "./slack.js";

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const value = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
};
const json = flag("json");
const quick = flag("quick");
const full = flag("full");
const skip = new Set((value("skip") ?? "").split(",").filter(Boolean));
const sizes = (value("sizes") ?? (quick ? "200" : "1000,10000,100000")).split(",").map((s) => Number(s.replace(/_/g, "").replace(/k$/i, "000"))).filter((n) => n > 0);
const queries = Number(value("queries") ?? (quick ? 20 : 200));
const log = (line: string) => process.stderr.write(line + "\n");

/**
 * How many queries the fuse.js baseline times at each size. Plain fuse.js with default options costs about
 * 0.25 s a question at the shipped KB, 0.8 s at 1k, 5 s at 10k and ~50 s at 100k on 2 cores, so it times an
 * even sample of the same questions (its size is reported as baseline_queries).
 */
function baselineSample(records: number): number {
  if (quick) return queries;
  if (records <= 500) return 50;
  if (records <= 2_000) return 20;
  if (records <= 20_000) return 10;
  return full ? 10 : 0;
}

async function main() {
  const started = performance.now();
  log(`aistack bench: node ${process.version}, ${quick ? "quick" : "full"} run, sizes shipped,${sizes.join(",")}`);
  const results: SizeResult[] = [];
  for (const size of ["shipped" as const, ...sizes]) {
    const records = size === "shipped" ? 411 : size;
    results.push(benchSize(size, { queries, baselineSample: baselineSample(records), log }));
  }
  let cold: Awaited<ReturnType<typeof coldStart>> | undefined;
  if (!skip.has("cold")) {
    log("cold start …");
    cold = await coldStart(quick ? 1 : 3);
  }
  let slack: SlackResult | undefined;
  if (!skip.has("slack")) {
    log("slack …");
    slack = await benchSlack(quick ? { requests: 25, rounds: 3, concurrency: 16 } : { requests: SLACK_REQUESTS_PER_BLOCK, rounds: SLACK_ROUNDS, concurrency: 16 });
  }
  let postgres: PostgresResult | undefined;
  if (!skip.has("postgres")) {
    log("postgres (two instances) …");
    postgres = await benchPostgres({ requests: quick ? 50 : 1000, concurrency: 16, events: quick ? 10 : 200 });
  }
  let digest: DigestResult | undefined;
  if (!skip.has("digest")) {
    log("digest …");
    digest = await benchDigest({ channels: quick ? 20 : 1000, globalPerSecond: Number(value("global-rate") ?? 20) });
  }

  let chart: ChartResult | undefined;
  if (!skip.has("chart")) {
    log("chart …");
    chart = await benchChart(quick ? { timelines: 2, rounds: 1 } : {});
  }

  // At sizes where the baseline was not timed, fuse.js's median at the largest timed size is a lower bound:
  // fuse.js scores every record on every search, so its cost only grows with the record count.
  const timed = results.filter((r) => r.query.baseline_p50_ms !== null);
  const largestTimed = timed[timed.length - 1];
  const out = {
    node: process.version,
    cpus: (await import("node:os")).cpus().length,
    quick,
    query: results.map((r) => ({
      ...(r.label === "shipped" ? { kb: "shipped" } : { kb: "synthetic" }),
      ...r.query,
      ...(r.query.baseline_p50_ms === null && largestTimed
        ? { baseline_p50_ms_lower_bound: largestTimed.query.baseline_p50_ms, baseline_note: `baseline not timed at this size (plain fuse.js takes ~50 s a question at 100k; run with --full to time 10); lower bound = its median at ${largestTimed.records} records` }
        : r.query.baseline_queries < r.query.queries
          ? { baseline_note: `baseline timed on an even sample of ${r.query.baseline_queries} of the ${r.query.queries} queries` }
          : {}),
    })),
    autocomplete: results.map((r) => r.autocomplete),
    cold_start_ms: cold?.cold_start_ms ?? null,
    cold_start_in_process_ms: cold?.in_process_ms ?? null,
    heap_mb: results.map((r) => ({ records: r.records, mb: r.heap_mb, before_mb: r.heap_before_mb })),
    load: results.map((r) => ({ records: r.records, entities: r.entities, load_ms: r.load_ms, index_ms: r.index_ms })),
    slack: slack ?? null,
    postgres: postgres ?? null,
    digest: digest ?? null,
    chart: chart ?? null,
    total_seconds: round((performance.now() - started) / 1000, 1),
  };
  if (json) process.stdout.write(JSON.stringify(out) + "\n");
  else process.stdout.write(table(out) + "\n");
}

type Out = { query: (SizeResult["query"] & { kb: string; baseline_p50_ms_lower_bound?: number | null; baseline_note?: string })[] } & Record<string, unknown>;

function table(o: Out & { autocomplete: SizeResult["autocomplete"][]; heap_mb: { records: number; mb: number }[]; slack: SlackResult | null; postgres: PostgresResult | null; digest: DigestResult | null; chart: ChartResult | null; cold_start_ms: number | null; cold_start_in_process_ms: number | null; node: string; total_seconds: number }): string {
  const f = (x: number | null | undefined, d = 2) => (x === null || x === undefined ? "–" : x.toFixed(d));
  const pct = (x: number | null | undefined) => (x === null || x === undefined ? "–" : `${(x * 100).toFixed(1)} %`);
  const lines = [
    `aistack bench · node ${o.node} · ${o.total_seconds} s`,
    "",
    "| records | answer p50 / p99 ms | top-1 | fuse.js p50 / p99 ms | fuse.js top-1 (n) | speed-up p50 | autocomplete p50 / p99 ms | heap MB |",
    "|---|---|---|---|---|---|---|---|",
  ];
  o.query.forEach((q, i) => {
    const ac = o.autocomplete[i]!;
    const base = q.baseline_p50_ms === null ? `> ${f(q.baseline_p50_ms_lower_bound ?? null, 0)} (not timed)` : `${f(q.baseline_p50_ms, 1)} / ${f(q.baseline_p99_ms, 1)}`;
    const speed = q.speedup_p50 !== null ? `${q.speedup_p50}×` : q.baseline_p50_ms_lower_bound ? `> ${round(q.baseline_p50_ms_lower_bound / q.p50_ms, 0)}×` : "–";
    lines.push(`| ${q.kb === "shipped" ? `shipped (${q.records})` : q.records.toLocaleString("en")} | ${f(q.p50_ms)} / ${f(q.p99_ms)} | ${pct(q.top1)} | ${base} | ${pct(q.baseline_top1)} (${q.baseline_queries}) | ${speed} | ${f(ac.p50_ms)} / ${f(ac.p99_ms)} | ${f(o.heap_mb[i]!.mb, 0)} |`);
  });
  lines.push("", `cold start (npx tsx → first answer): ${o.cold_start_ms ?? "–"} ms (in-process ${o.cold_start_in_process_ms ?? "–"} ms)`);
  if (o.slack) lines.push(`slack: ${o.slack.rounds} rounds of ${o.slack.blocks} × ${o.slack.requests} signed slash commands to each app in alternating bursts, concurrency ${o.slack.concurrency}: ${o.slack.rps} req/s (bare Bolt app: ${o.slack.baseline_rps} req/s; median of the rounds' ratios ${pct(o.slack.ratio)}, from ${pct(Math.min(...o.slack.ratios))} to ${pct(Math.max(...o.slack.ratios))}); CPU ${o.slack.cpu_us_per_request} µs a request (bare ${o.slack.baseline_cpu_us_per_request}); p50 ${o.slack.p50_ms} ms, p99 ${o.slack.p99_ms} ms; ${o.slack.errors} errors`);
  if (o.postgres) lines.push(`postgres: ${o.postgres.requests} slash commands split across ${o.postgres.instances} instances on one database, concurrency ${o.postgres.concurrency}: ${o.postgres.rps} req/s, p50 ${o.postgres.p50_ms} ms, p99 ${o.postgres.p99_ms} ms, ${o.postgres.errors} errors; ${o.postgres.events_to_both} events sent to both: ${o.postgres.event_replies} replies, ${o.postgres.duplicates} duplicates`);
  if (o.digest) lines.push(`digest: ${o.digest.channels} channels due in one minute: ${o.digest.seconds} s (lower bound ${o.digest.lower_bound_seconds} s at ${o.digest.global_per_second}/s global, 1/s per channel), ${o.digest.delivered} delivered, ${o.digest.status_429} × 429`);
  if (o.chart) lines.push(`chart: ${o.chart.timelines} timelines (${o.chart.events_min}–${o.chart.events_max} events) as 1200 px PNG: p50 ${o.chart.p50_ms} ms, p99 ${o.chart.p99_ms} ms, first in process ${o.chart.cold_ms} ms; PNG ${o.chart.png_kb_p50} KB p50, up to ${o.chart.png_height_max} px tall`);
  lines.push("", "| records | core top-1 | core p50 / p99 ms | minisearch top-1 | minisearch p50 / p99 ms | uFuzzy top-1 | uFuzzy p50 / p99 ms |", "|---|---|---|---|---|---|---|");
  for (const q of o.query) {
    const peer = (n: string) => q.peers.find((p) => p.name === n);
    const [m, u] = [peer("minisearch"), peer("ufuzzy")];
    lines.push(`| ${q.kb === "shipped" ? `shipped (${q.records})` : q.records.toLocaleString("en")} | ${pct(q.top1)} | ${f(q.p50_ms)} / ${f(q.p99_ms)} | ${pct(m?.top1)} | ${f(m?.p50_ms)} / ${f(m?.p99_ms)} | ${pct(u?.top1)} | ${f(u?.p50_ms)} / ${f(u?.p99_ms)} |`);
  }
  lines.push("Timings follow 3,000 untimed warm-up calls per size, so p99 is the steady state (JIT deopts settle in the first thousands); peers get the question without stopwords.");
  for (const q of o.query) if (q.baseline_note) lines.push(`note (${q.records}): ${q.baseline_note}`);
  lines.push("top-1: the core's first answer item is the fact the question was generated from (fractions shown as %).");
  return lines.join("\n");
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log(`bench failed: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);
