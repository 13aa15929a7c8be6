// A burst of 1,000 signed slash commands at concurrency 16 against the real HTTP receiver on 127.0.0.1 (real core,
// real SQLite). Prints p50/p99 latency and heap growth; asserts only that every request got a 200 with an answer and
// that the heap did not grow without bound (timings are machine-dependent and never asserted).
import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { SlackHarness } from "../helpers/slack-harness.js";
import { signedHeaders, slashCommandBody } from "../helpers/slack-signing.js";

// a real collection before each heap reading, so growth is what the burst retained, not garbage not yet collected
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const TOTAL = 1000;
const CONCURRENCY = 16;
const QUESTIONS = ["who makes trainium?", "timeline trainium", "how much did amazon invest in anthropic?", "compare trainium vs tpu", "about anthropic", "sources", "help", "when was claude 3 released?"];

describe("burst", { timeout: 180_000 }, () => {
  it(`${TOTAL} slash commands at concurrency ${CONCURRENCY}: all answered, memory bounded`, async () => {
    const h = await new SlackHarness({ env: { RATE_USER_PER_MINUTE: "10000", RATE_CHANNEL_PER_MINUTE: "100000" } }).start();
    try {
      const latencies: number[] = [];
      const statuses = new Map<number, number>();
      let empty = 0;
      let next = 0;
      const one = async (i: number) => {
        const body = slashCommandBody({ text: QUESTIONS[i % QUESTIONS.length]!, user: `U${i % 50}`, channel: `C${i % 20}`, responseUrl: h.fake.responseUrl(`b${i}`) });
        const t = performance.now();
        const res = await fetch(`${h.url}/slack/events`, { method: "POST", headers: signedHeaders(body, "application/x-www-form-urlencoded"), body });
        const text = await res.text();
        latencies.push(performance.now() - t);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (!text.includes('"blocks"')) empty++;
      };
      // warm-up (JIT, indexes, SQLite pages) so growth measures the burst, not the first request
      for (let i = 0; i < 20; i++) await one(i);
      latencies.length = 0;
      statuses.clear();
      gc();
      const heapBefore = process.memoryUsage().heapUsed;
      const started = performance.now();
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < TOTAL) await one(next++);
      }));
      const wall = performance.now() - started;
      await h.adapter.slack.idle();
      gc();
      const heapAfter = process.memoryUsage().heapUsed;

      const sorted = [...latencies].sort((a, b) => a - b);
      const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
      const growthMb = (heapAfter - heapBefore) / 1024 / 1024;
      console.log(
        `burst: ${TOTAL} requests, concurrency ${CONCURRENCY}, ${(wall / 1000).toFixed(1)} s (${Math.round(TOTAL / (wall / 1000))}/s); ` +
          `latency p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms; ` +
          `heap ${(heapBefore / 1048576).toFixed(1)} → ${(heapAfter / 1048576).toFixed(1)} MB (retained growth after GC ${growthMb.toFixed(1)} MB); statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
      expect(statuses.get(200)).toBe(TOTAL);
      expect(empty).toBe(0);
      expect(growthMb).toBeLessThan(100);
    } finally {
      await h.close();
    }
  });
});
