// Per-user and per-channel token buckets (RATE_USER_PER_MINUTE, RATE_CHANNEL_PER_MINUTE), checked by every
// adapter before the core runs. Each bucket holds up to `limit` tokens and refills at `limit` per minute, so a
// burst of `limit` is allowed and the steady rate is `limit` a minute. A request takes one token from its user's
// bucket and one from its channel's bucket, or none when either is empty.
//
// The buckets live in storage (one write transaction per check), so the budget holds across restarts and across
// instances or shards sharing the database. When storage cannot be written (locked beyond busy_timeout,
// read-only), the check falls back to buckets in this process's memory rather than refusing to answer.
//
// A limited user is told once per window (one short ephemeral notice), then gets silence until it passes.
import type { BucketState, Platform, RateBucketStore } from "../storage/types.js";
import type { AppDeps } from "./deps.js";

export const RATE_WINDOW_MS = 60_000;
export const RATE_LIMITED_TEXT = "You're asking faster than aistack answers here. Please wait a minute and try again.";

export interface BucketSpec {
  key: string;
  /** tokens when full; also how many are added per window */
  capacity: number;
}

/** A bucket's tokens at `now`: an unknown bucket is full; time running backwards adds nothing. */
export function refill(state: BucketState | undefined, capacity: number, now: number, windowMs = RATE_WINDOW_MS): BucketState {
  if (!state || !Number.isFinite(state.tokens) || !Number.isFinite(state.at)) return { tokens: capacity, at: now };
  const elapsed = Math.max(0, now - state.at);
  return { tokens: Math.min(capacity, Math.max(0, state.tokens) + (elapsed * capacity) / windowMs), at: Math.max(now, state.at) };
}

/** Takes one token from every bucket when each has one, otherwise none (all or nothing). */
export function takeAll(current: readonly (BucketState | undefined)[], specs: readonly BucketSpec[], now: number, windowMs = RATE_WINDOW_MS): { next: BucketState[]; ok: boolean } {
  const refilled = specs.map((s, i) => refill(current[i], s.capacity, now, windowMs));
  // a hair of tolerance: refill arithmetic in floating point may land at 0.9999999
  const ok = refilled.every((b) => b.tokens >= 1 - 1e-9);
  return { ok, next: ok ? refilled.map((b) => ({ tokens: Math.max(0, b.tokens - 1), at: b.at })) : refilled };
}

/** Buckets in memory: the fallback when storage cannot be written. Bounded: the oldest entries go first. */
export class MemoryBuckets implements RateBucketStore {
  private readonly buckets = new Map<string, BucketState>();
  constructor(private readonly maxEntries = 10_000) {}

  get size(): number {
    return this.buckets.size;
  }

  updateBuckets<T>(keys: readonly string[], decide: (current: (BucketState | undefined)[]) => { next: BucketState[]; result: T }, pruneBefore: number): T {
    const { next, result } = decide(keys.map((k) => this.buckets.get(k)));
    keys.forEach((k, i) => {
      this.buckets.delete(k); // re-inserted last: Map order is least recently used first
      this.buckets.set(k, next[i]!);
    });
    for (const [k, b] of this.buckets) {
      if (this.buckets.size <= this.maxEntries && b.at >= pruneBefore) break;
      this.buckets.delete(k);
    }
    return result;
  }
}

export type RateDecision = { ok: true } | { ok: false; notify: boolean };

export interface RateSubject {
  platform: Platform;
  /** the user's id, qualified by workspace where ids are per workspace (Slack) */
  user: string;
  /** the channel's id, qualified the same way */
  channel: string;
}

interface Fallback {
  buckets: MemoryBuckets;
  notices: Map<string, number>;
  warnedAt: number;
}
const fallbacks = new WeakMap<object, Fallback>();
const fallbackFor = (storage: object): Fallback => {
  let f = fallbacks.get(storage);
  if (!f) fallbacks.set(storage, (f = { buckets: new MemoryBuckets(), notices: new Map(), warnedAt: -Infinity }));
  return f;
};

export const bucketKeys = (s: RateSubject) => ({ user: `rate:${s.platform}:user:${s.user}`, channel: `rate:${s.platform}:channel:${s.channel}` });
export const noticeKey = (s: RateSubject) => `rate-notice:${s.platform}:${s.user}`;

/** Takes a token for the user and the channel; when limited, `notify` is true once per window per user. */
export function checkRate(deps: AppDeps, subject: RateSubject): RateDecision {
  const now = deps.clock().getTime();
  const keys = bucketKeys(subject);
  const specs: BucketSpec[] = [
    { key: keys.user, capacity: deps.config.RATE_USER_PER_MINUTE },
    { key: keys.channel, capacity: deps.config.RATE_CHANNEL_PER_MINUTE },
  ];
  const decide = (current: (BucketState | undefined)[]) => {
    const r = takeAll(current, specs, now);
    return { next: r.next, result: r.ok };
  };
  const pruneBefore = now - 2 * RATE_WINDOW_MS;
  let ok: boolean;
  try {
    ok = deps.storage.updateBuckets(specs.map((s) => s.key), decide, pruneBefore);
  } catch (err) {
    const f = fallbackFor(deps.storage);
    if (now - f.warnedAt >= RATE_WINDOW_MS) {
      f.warnedAt = now;
      deps.logger.warn({ code: (err as { code?: string }).code, platform: subject.platform }, "rate limits: storage not writable; counting in memory");
    }
    ok = f.buckets.updateBuckets(specs.map((s) => s.key), decide, pruneBefore);
  }
  if (ok) return { ok: true };
  return { ok: false, notify: claimNotice(deps, subject, now) };
}

function claimNotice(deps: AppDeps, subject: RateSubject, now: number): boolean {
  const key = noticeKey(subject);
  try {
    return deps.storage.claimEvent(key, new Date(now), RATE_WINDOW_MS);
  } catch {
    const notices = fallbackFor(deps.storage).notices;
    const last = notices.get(key);
    if (last !== undefined && now - last < RATE_WINDOW_MS) return false;
    notices.set(key, now);
    if (notices.size > 10_000) for (const [k, t] of notices) if (now - t >= RATE_WINDOW_MS || notices.size > 10_000) notices.delete(k);
    return true;
  }
}
