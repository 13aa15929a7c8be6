// Token-bucket arithmetic, shared by every backend that computes in JS (SQLite, memory, the in-process fallback);
// Postgres runs the same rule in SQL (migrations/postgres/003_rate_function.sql). Pure functions.
import type { BucketSpec, BucketState } from "./types.js";

/** A bucket's tokens at `now`: an unknown bucket is full; time running backwards adds nothing. */
export function refill(state: BucketState | undefined, capacity: number, now: number, windowMs: number): BucketState {
  if (!state || !Number.isFinite(state.tokens) || !Number.isFinite(state.at)) return { tokens: capacity, at: now };
  const elapsed = Math.max(0, now - state.at);
  return { tokens: Math.min(capacity, Math.max(0, state.tokens) + (elapsed * capacity) / windowMs), at: Math.max(now, state.at) };
}

/** Refill arithmetic in floating point may land at 0.9999999: a hair of tolerance. */
export const TOKEN_EPSILON = 1e-9;

/** Takes one token from every bucket when each has one, otherwise none (all or nothing). */
export function takeAll(current: readonly (BucketState | undefined)[], specs: readonly BucketSpec[], now: number, windowMs: number): { next: BucketState[]; ok: boolean } {
  const refilled = specs.map((s, i) => refill(current[i], s.capacity, now, windowMs));
  const ok = refilled.every((b) => b.tokens >= 1 - TOKEN_EPSILON);
  return { ok, next: ok ? refilled.map((b) => ({ tokens: Math.max(0, b.tokens - 1), at: b.at })) : refilled };
}
