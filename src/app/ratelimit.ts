// Per-user and per-channel token buckets (RATE_USER_PER_MINUTE, RATE_CHANNEL_PER_MINUTE), checked by the pipeline
// before the core runs. Each bucket holds up to `limit` tokens and refills at `limit` per minute, so a burst of
// `limit` is allowed and the steady rate is `limit` a minute. A request takes one token from its user's bucket and
// one from its channel's bucket, or none when either is empty.
//
// The shared store is the source of truth: its take is one atomic step, so the budget holds across restarts and
// across instances (a user allowed 20 a minute gets 20, not 20 per instance). Each instance also keeps buckets of
// its own grants in memory. They can only hold more tokens than the shared ones (fewer grants went into them), so
// an empty local bucket settles a limited request without a database round trip, and when the store cannot be
// reached they carry on counting alone rather than refusing to answer.
//
// A limited user is told once per window (one short notice), then gets silence until it passes.
import type { Logger } from "../log.js";
import { takeAll } from "../storage/token-bucket.js";
import { isStorageUnavailable } from "../errors.js";
import type { BucketSpec, BucketState, ClaimStore, RateBucketStore } from "../storage/types.js";

export { refill, takeAll } from "../storage/token-bucket.js";

export const RATE_WINDOW_MS = 60_000;
export const RATE_LIMITED_TEXT = "You're asking faster than aistack answers here. Please wait a minute and try again.";
/** Most buckets and notices one instance keeps in memory; the least recently used go first. */
export const MAX_LOCAL_ENTRIES = 10_000;

/** Buckets in memory, bounded: the oldest entries go first. */
export class MemoryBuckets {
  private readonly buckets = new Map<string, BucketState>();
  constructor(private readonly maxEntries = MAX_LOCAL_ENTRIES) {}

  get size(): number {
    return this.buckets.size;
  }

  /** Would every bucket give a token now? (Reads only.) */
  allows(specs: readonly BucketSpec[], now: number, windowMs = RATE_WINDOW_MS): boolean {
    return takeAll(specs.map((s) => this.buckets.get(s.key)), specs, now, windowMs).ok;
  }

  /** Takes a token from every bucket or from none. */
  take(specs: readonly BucketSpec[], now: number, windowMs = RATE_WINDOW_MS): boolean {
    const { ok, next } = takeAll(specs.map((s) => this.buckets.get(s.key)), specs, now, windowMs);
    specs.forEach((s, i) => {
      this.buckets.delete(s.key); // re-inserted last: Map order is least recently used first
      this.buckets.set(s.key, next[i]!);
    });
    for (const [k, b] of this.buckets) {
      if (this.buckets.size <= this.maxEntries && b.at >= now - 2 * windowMs) break;
      this.buckets.delete(k);
    }
    return ok;
  }
}

export type RateDecision = { ok: true } | { ok: false; notify: boolean };

export interface RateSubject {
  platform: string;
  /** the user's id, unique on the platform (Slack's qualified by workspace) */
  user: string;
  /** the channel's id, qualified the same way */
  channel: string;
}

export const bucketKeys = (s: RateSubject) => ({ user: `rate:${s.platform}:user:${s.user}`, channel: `rate:${s.platform}:channel:${s.channel}` });
export const noticeKey = (s: RateSubject) => `rate-notice:${s.platform}:${s.user}`;

export class RateLimiter {
  private readonly local = new MemoryBuckets();
  private readonly notices = new Map<string, number>();
  private warnedAt = -Infinity;

  constructor(
    private readonly store: RateBucketStore & ClaimStore,
    private readonly limits: { user: number; channel: number },
    private readonly logger: Logger,
  ) {}

  /** Takes a token for the user and the channel; when limited, `notify` is true once per window per user. */
  async check(subject: RateSubject, now: number): Promise<RateDecision> {
    const keys = bucketKeys(subject);
    const specs: BucketSpec[] = [
      { key: keys.user, capacity: this.limits.user },
      { key: keys.channel, capacity: this.limits.channel },
    ];
    let ok: boolean;
    if (!this.local.allows(specs, now)) ok = false;
    else {
      try {
        ok = await this.store.takeTokens(specs, now, RATE_WINDOW_MS);
        if (ok) this.local.take(specs, now);
      } catch (err) {
        if (!isStorageUnavailable(err)) throw err;
        if (now - this.warnedAt >= RATE_WINDOW_MS) {
          this.warnedAt = now;
          this.logger.warn({ code: err.driverCode, platform: subject.platform }, "rate limits: storage unavailable; counting in memory");
        }
        ok = this.local.take(specs, now);
      }
    }
    if (ok) return { ok: true };
    return { ok: false, notify: await this.claimNotice(subject, now) };
  }

  private async claimNotice(subject: RateSubject, now: number): Promise<boolean> {
    const key = noticeKey(subject);
    try {
      return await this.store.claim(key, new Date(now), RATE_WINDOW_MS);
    } catch (err) {
      if (!isStorageUnavailable(err)) throw err;
      const last = this.notices.get(key);
      if (last !== undefined && now - last < RATE_WINDOW_MS) return false;
      this.notices.set(key, now);
      if (this.notices.size > MAX_LOCAL_ENTRIES) for (const [k, t] of this.notices) if (now - t >= RATE_WINDOW_MS || this.notices.size > MAX_LOCAL_ENTRIES) this.notices.delete(k);
      return true;
    }
  }
}
