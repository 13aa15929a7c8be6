// Small measuring helpers shared by the bench parts.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
const gcFn = runInNewContext("gc") as (() => void) | undefined;

/** Full collection (twice, so finalisers run), then the heap in use, MB. */
export function heapMb(): number {
  gcFn?.();
  gcFn?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summary(ms: number[]): { p50: number; p99: number } {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: round(percentile(s, 50)), p99: round(percentile(s, 99)) };
}

export const round = (x: number, digits = 3): number => {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Times fn once per input; returns milliseconds per call. */
export function timeEach<T, R>(inputs: readonly T[], fn: (x: T) => R, onResult?: (x: T, r: R) => void): number[] {
  const out: number[] = [];
  for (const x of inputs) {
    const t = performance.now();
    const r = fn(x);
    out.push(performance.now() - t);
    onResult?.(x, r);
  }
  return out;
}
