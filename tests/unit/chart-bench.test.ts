// The bench's chart section runs and reports every field; timings are never asserted (shared, noisy machine).
import { describe, expect, it } from "vitest";
import { benchChart, CHART_TIMELINES } from "../../bench/chart.js";

describe("bench: timeline pictures", { timeout: 60_000 }, () => {
  it("renders the shipped KB's timelines and reports render time, PNG size and height", async () => {
    expect(CHART_TIMELINES).toHaveLength(10);
    const r = await benchChart({ timelines: 2, rounds: 1 });
    expect(r.timelines).toBe(2);
    expect(r.events_min).toBeGreaterThan(0);
    expect(r.events_max).toBeGreaterThanOrEqual(r.events_min);
    for (const k of ["cold_ms", "p50_ms", "p99_ms", "max_ms", "png_kb_p50"] as const) expect(r[k]).toBeGreaterThan(0);
    expect(r.p99_ms).toBeGreaterThanOrEqual(r.p50_ms);
    expect(r.png_height_max).toBeGreaterThan(600);
  });
});
