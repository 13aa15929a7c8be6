// The bench runs on a tiny size and emits every field the README table needs. Timings are never asserted:
// this machine is shared and noisy; only shapes and ranges are checked.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../helpers/postgres.js";

// Fewer queries than --quick's 20: the fuse.js baseline costs about 0.25 s a question, and only the output's shape
// is checked here (the bench's own numbers come from full runs).
const QUERIES = 5;

describe("npm run bench -- --quick --json", () => {
  it("prints one JSON object with the fields of issues 7 and 13", async () => {
    // the postgres part runs on a database of the test run's server instead of starting its own
    const db = await createTestDatabase();
    const { stdout: out } = await promisify(execFile)(process.execPath, ["--import", "tsx", "bench/run.ts", "--quick", "--json", "--queries", String(QUERIES)], {
      encoding: "utf8", timeout: 170_000, env: { ...process.env, BENCH_DATABASE_URL: db.url },
    }).finally(() => db.drop());
    const lines = out.trim().split("\n");
    expect(lines).toHaveLength(1);
    const r = JSON.parse(lines[0]!);
    expect(r.node).toMatch(/^v\d+/);
    expect(r.query.length).toBeGreaterThanOrEqual(2);
    for (const q of r.query) {
      for (const k of ["records", "p50_ms", "p99_ms", "top1", "baseline_p50_ms", "baseline_p99_ms", "baseline_top1"]) expect(q).toHaveProperty(k);
      expect(q.top1).toBeGreaterThanOrEqual(0);
      expect(q.top1).toBeLessThanOrEqual(1);
      expect(q.baseline_top1).toBeGreaterThanOrEqual(0);
      expect(q.baseline_top1).toBeLessThanOrEqual(1);
    }
    expect(r.query[0].kb).toBe("shipped");
    for (const a of r.autocomplete) for (const k of ["records", "p50_ms", "p99_ms"]) expect(a).toHaveProperty(k);
    expect(typeof r.cold_start_ms).toBe("number");
    for (const h of r.heap_mb) {
      expect(h).toHaveProperty("records");
      expect(h.mb).toBeGreaterThan(0);
    }
    for (const k of ["requests", "rps", "baseline_rps"]) expect(r.slack).toHaveProperty(k);
    expect(r.slack.errors).toBe(0);
    for (const k of ["rps", "p99_ms", "event_replies"]) expect(r.postgres).toHaveProperty(k);
    expect(r.postgres).toMatchObject({ instances: 2, errors: 0, duplicates: 0, events_to_both: 10, event_replies: 10 });
    for (const k of ["channels", "seconds", "lower_bound_seconds"]) expect(r.digest).toHaveProperty(k);
    expect(r.digest.status_429).toBe(0);
  }, 180_000);
});
