// The shared token-bucket limiter (src/app/ratelimit.ts): refill over time, all-or-nothing takes, one notice per
// window, buckets shared through storage, and an in-memory fallback when storage cannot be written.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryBuckets, RateLimiter, refill, takeAll, RATE_WINDOW_MS, type RateSubject } from "../../src/app/ratelimit.js";
import type { AppDeps } from "../../src/app/deps.js";
import { StorageUnavailableError } from "../../src/errors.js";
import { FakeClock, makeEnv, type TestEnv } from "../helpers/digest-fakes.js";

const envs: TestEnv[] = [];
const env = (config: Record<string, string>) => {
  const e = makeEnv({ clock: new FakeClock("2026-03-02T10:00:00Z"), config });
  envs.push(e);
  return e;
};
afterEach(() => {
  for (const e of envs.splice(0)) e.cleanup();
});

const subject = (user = "U1", channel = "C1") => ({ platform: "slack" as const, user, channel });

/** One limiter per deps (one instance), as the pipeline keeps it. */
const limiters = new WeakMap<object, RateLimiter>();
const checkRate = (deps: AppDeps, s: RateSubject) => {
  let l = limiters.get(deps);
  if (!l) limiters.set(deps, (l = new RateLimiter(deps.storage, { user: deps.config.RATE_USER_PER_MINUTE, channel: deps.config.RATE_CHANNEL_PER_MINUTE }, deps.logger)));
  return l.check(s, deps.clock().getTime());
};

describe("token buckets", () => {
  it("allows a burst of the limit, then refills at the limit per minute", async () => {
    const e = env({ RATE_USER_PER_MINUTE: "4", RATE_CHANNEL_PER_MINUTE: "100" });
    const take = async () => (await checkRate(e.deps, subject())).ok;
    expect([await take(), await take(), await take(), await take(), await take()]).toEqual([true, true, true, true, false]);
    e.clock.t += RATE_WINDOW_MS / 4; // one token back
    expect([await take(), await take()]).toEqual([true, false]);
    e.clock.t += RATE_WINDOW_MS * 10; // idle: full, never more than the limit
    expect([await take(), await take(), await take(), await take(), await take()]).toEqual([true, true, true, true, false]);
  });

  it("takes from both buckets or neither: a full channel does not spend the user's tokens", async () => {
    const e = env({ RATE_USER_PER_MINUTE: "2", RATE_CHANNEL_PER_MINUTE: "1" });
    expect((await checkRate(e.deps, subject("U1", "C1"))).ok).toBe(true);
    expect((await checkRate(e.deps, subject("U1", "C1"))).ok).toBe(false); // channel empty
    expect((await checkRate(e.deps, subject("U1", "C2"))).ok).toBe(true); // user still has its second token
    expect((await checkRate(e.deps, subject("U1", "C3"))).ok).toBe(false);
  });

  it("tells a limited user once per window, then stays silent", async () => {
    const e = env({ RATE_USER_PER_MINUTE: "1" });
    await checkRate(e.deps, subject());
    const notes = [];
    for (let i = 0; i < 3; i++) notes.push(await checkRate(e.deps, subject()));
    expect(notes).toEqual([{ ok: false, notify: true }, { ok: false, notify: false }, { ok: false, notify: false }]);
    e.clock.t += RATE_WINDOW_MS / 2;
    expect((await checkRate(e.deps, subject())).ok).toBe(false);
    e.clock.t += RATE_WINDOW_MS;
    expect(await checkRate(e.deps, subject())).toEqual({ ok: true });
  });

  it("Slack and Discord buckets are separate", async () => {
    const e = env({ RATE_USER_PER_MINUTE: "1" });
    expect((await checkRate(e.deps, subject("X", "C"))).ok).toBe(true);
    expect((await checkRate(e.deps, { platform: "discord", user: "X", channel: "C" })).ok).toBe(true);
  });

  it("two processes on one database share the budget", async () => {
    const a = env({ RATE_USER_PER_MINUTE: "3" });
    const b = makeEnv({ clock: a.clock, file: a.file, config: { RATE_USER_PER_MINUTE: "3" } });
    envs.push(b);
    const results = [];
    for (const x of [a, b, a, b]) results.push((await checkRate(x.deps, subject())).ok);
    expect(results).toEqual([true, true, true, false]);
  });

  it("falls back to memory when storage cannot be written, and keeps limiting", async () => {
    const e = env({ RATE_USER_PER_MINUTE: "2" });
    const broken = Object.create(e.storage) as typeof e.storage;
    broken.takeTokens = () => Promise.reject(new StorageUnavailableError("rate limit", "SQLITE_BUSY"));
    broken.claim = () => Promise.reject(new StorageUnavailableError("claim", "SQLITE_READONLY"));
    const deps = { ...e.deps, storage: broken };
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await checkRate(deps, subject()));
    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: false, notify: true }, { ok: false, notify: false }]);
  });

  it("an empty local bucket settles a limited request without asking the store", async () => {
    const e = env({ RATE_USER_PER_MINUTE: "2" });
    let asked = 0;
    const counting = Object.create(e.storage) as typeof e.storage;
    counting.takeTokens = (...a) => (asked++, e.storage.takeTokens(...a));
    const deps = { ...e.deps, storage: counting };
    const results = [];
    for (let i = 0; i < 5; i++) results.push((await checkRate(deps, subject())).ok);
    expect(results).toEqual([true, true, false, false, false]);
    expect(asked).toBe(2);
  });

  it("memory buckets stay bounded", async () => {
    const m = new MemoryBuckets(100);
    for (let i = 0; i < 1000; i++) m.take([{ key: `k${i}`, capacity: 1 }], i);
    expect(m.size).toBe(100);
  });
});

describe("token bucket properties", () => {
  const op = fc.record({ dt: fc.integer({ min: -5_000, max: 120_000 }), n: fc.integer({ min: 0, max: 5 }) });
  it("tokens stay within [0, capacity] and grants never exceed capacity + refill", async () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.array(op, { maxLength: 40 }), (capacity, ops) => {
        let state = undefined as ReturnType<typeof refill> | undefined;
        let now = 0;
        let elapsed = 0;
        let granted = 0;
        for (const { dt, n } of ops) {
          now += dt;
          elapsed += Math.max(0, dt);
          for (let i = 0; i < n; i++) {
            const r = takeAll([state], [{ key: "k", capacity }], now, RATE_WINDOW_MS);
            state = r.next[0];
            if (r.ok) granted++;
            expect(state!.tokens).toBeGreaterThanOrEqual(0);
            expect(state!.tokens).toBeLessThanOrEqual(capacity);
          }
        }
        expect(granted).toBeLessThanOrEqual(capacity + Math.ceil((elapsed * capacity) / RATE_WINDOW_MS) + 1);
      }),
      { numRuns: 200, seed: 42 },
    );
  });
});
