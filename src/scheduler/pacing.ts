// Pacing for digest posts: a global token bucket (DIGEST_GLOBAL_RATE per second, bursts up to half a second's
// worth) and at most one message per second per channel. The global budget lives in storage (createSharedPacer), so
// every instance sharing the database spends the one budget the platform grants the workspace; createPacer keeps
// it in this process (GCRA reservations). Both run on an injected clock and sleep, so tests run instantly.
import type { RateBucketStore } from "../storage/types.js";

export interface Pacer {
  /** Waits until this channel may post again and a global token is free, then takes both. */
  acquire(channel: string): Promise<void>;
}

export const PER_CHANNEL_INTERVAL_MS = 1000;

/**
 * How close to the configured rate we pace: a platform's own bucket sees our posts with network jitter, so
 * posting exactly at its limit (full bursts, exact spacing) draws occasional 429s. 5 % slower and half-size bursts
 * cost about 5 % in time and avoid them.
 */
const RATE_MARGIN = 0.95;

export function createPacer(opts: { ratePerSecond: number; now: () => number; sleep: (ms: number) => Promise<void>; perChannelMs?: number }): Pacer {
  const interval = 1000 / (opts.ratePerSecond * RATE_MARGIN);
  const capacity = Math.max(1, Math.floor(opts.ratePerSecond / 2));
  const tolerance = (capacity - 1) * interval;
  const perChannel = (opts.perChannelMs ?? PER_CHANNEL_INTERVAL_MS) / RATE_MARGIN;
  let tat = 0;
  const channelNext = new Map<string, number>();
  return {
    async acquire(channel) {
      // A slot is taken only when the post can go now. Reserving future slots up front lets posts bunch when the
      // process is busy (every delayed timer fires at once) and then a platform's bucket sees a burst. The first
      // yield matters too: a caller that composes many digests in one go would otherwise take slots that are only
      // used once it is done.
      await opts.sleep(0);
      for (;;) {
        const now = opts.now();
        const at = Math.max(now, tat - tolerance, channelNext.get(channel) ?? 0);
        if (at <= now) {
          tat = Math.max(tat, now) + interval;
          channelNext.set(channel, now + perChannel);
          // Keep the per-channel map small: entries in the past no longer constrain anything.
          if (channelNext.size > 1000) for (const [c, t] of channelNext) if (t <= now) channelNext.delete(c);
          return;
        }
        await opts.sleep(at - now);
      }
    },
  };
}

/** The storage bucket every instance's digest posts draw from. */
export const DIGEST_BUDGET_KEY = "digest:global";

/**
 * A pacer whose global budget is a token bucket in storage: instances sharing the database take from one bucket, so
 * two instances together post no faster than one. Each channel's one-a-second spacing stays in this process: a
 * channel's day is held by one instance at a time, and another takes it over only after the first one's wait.
 * A storage failure rejects acquire(): the post is then not claimed either, and the next tick tries again.
 */
export function createSharedPacer(opts: { buckets: RateBucketStore; ratePerSecond: number; now: () => number; sleep: (ms: number) => Promise<void>; perChannelMs?: number }): Pacer {
  const perSecond = opts.ratePerSecond * RATE_MARGIN;
  const capacity = Math.max(1, Math.floor(opts.ratePerSecond / 2));
  // `capacity` tokens per window is `perSecond` tokens a second
  const windowMs = (capacity * 1000) / perSecond;
  const tokenMs = 1000 / perSecond;
  const perChannel = (opts.perChannelMs ?? PER_CHANNEL_INTERVAL_MS) / RATE_MARGIN;
  const channelNext = new Map<string, number>();
  return {
    async acquire(channel) {
      await opts.sleep(0);
      for (;;) {
        const now = opts.now();
        const wait = (channelNext.get(channel) ?? 0) - now;
        if (wait > 0) {
          await opts.sleep(wait);
          continue;
        }
        if (await opts.buckets.takeTokens([{ key: DIGEST_BUDGET_KEY, capacity }], now, windowMs)) {
          channelNext.set(channel, now + perChannel);
          if (channelNext.size > 1000) for (const [c, t] of channelNext) if (t <= now) channelNext.delete(c);
          return;
        }
        // another post (here or on another instance) took the token: the next one is due within a token's time
        await opts.sleep(tokenMs);
      }
    },
  };
}
