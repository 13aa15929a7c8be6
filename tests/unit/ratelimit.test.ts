// The shared token-bucket limiter (src/app/ratelimit.ts): refill over time, all-or-nothing takes, one notice per
// window, buckets shared through storage, and an in-memory fallback when storage cannot be written.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { checkRate, MemoryBuckets, refill, takeAll, RATE_WINDOW_MS } from "../../src/app/ratelimit.js";
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

describe("token buckets", () => {
  it("allows a burst of the limit, then refills at the limit per minute", () => {
    const e = env({ RATE_USER_PER_MINUTE: "4", RATE_CHANNEL_PER_MINUTE: "100" });
    const take = () => checkRate(e.deps, subject()).ok;
    expect([take(), take(), take(), take(), take()]).toEqual([true, true, true, true, false]);
    e.clock.t += RATE_WINDOW_MS / 4; // one token back
    expect([take(), take()]).toEqual([true, false]);
    e.clock.t += RATE_WINDOW_MS * 10; // idle: full, never more than the limit
    expect([take(), take(), take(), take(), take()]).toEqual([true, true, true, true, false]);
  });

  it("takes from both buckets or neither: a full channel does not spend the user's tokens", () => {
    const e = env({ RATE_USER_PER_MINUTE: "2", RATE_CHANNEL_PER_MINUTE: "1" });
    expect(checkRate(e.deps, subject("U1", "C1")).ok).toBe(true);
    expect(checkRate(e.deps, subject("U1", "C1")).ok).toBe(false); // channel empty
    expect(checkRate(e.deps, subject("U1", "C2")).ok).toBe(true); // user still has its second token
    expect(checkRate(e.deps, subject("U1", "C3")).ok).toBe(false);
  });

  it("tells a limited user once per window, then stays silent", () => {
    const e = env({ RATE_USER_PER_MINUTE: "1" });
    checkRate(e.deps, subject());
    const notes = [0, 1, 2].map(() => checkRate(e.deps, subject()));
    expect(notes).toEqual([{ ok: false, notify: true }, { ok: false, notify: false }, { ok: false, notify: false }]);
    e.clock.t += RATE_WINDOW_MS / 2;
    expect(checkRate(e.deps, subject()).ok).toBe(false);
    e.clock.t += RATE_WINDOW_MS;
    expect(checkRate(e.deps, subject())).toEqual({ ok: true });
  });

  it("Slack and Discord buckets are separate", () => {
    const e = env({ RATE_USER_PER_MINUTE: "1" });
    expect(checkRate(e.deps, subject("X", "C")).ok).toBe(true);
    expect(checkRate(e.deps, { platform: "discord", user: "X", channel: "C" }).ok).toBe(true);
  });

  it("two processes on one database share the budget", () => {
    const a = env({ RATE_USER_PER_MINUTE: "3" });
    const b = makeEnv({ clock: a.clock, file: a.file, config: { RATE_USER_PER_MINUTE: "3" } });
    envs.push(b);
    const results = [a, b, a, b].map((x) => checkRate(x.deps, subject()).ok);
    expect(results).toEqual([true, true, true, false]);
  });

  it("falls back to memory when storage cannot be written, and keeps limiting", () => {
    const e = env({ RATE_USER_PER_MINUTE: "2" });
    const broken = Object.create(e.storage) as typeof e.storage;
    broken.updateBuckets = () => {
      throw Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
    };
    broken.claimEvent = () => {
      throw Object.assign(new Error("attempt to write a readonly database"), { code: "SQLITE_READONLY" });
    };
    const deps = { ...e.deps, storage: broken };
    expect([0, 1, 2, 3].map(() => checkRate(deps, subject()))).toEqual([{ ok: true }, { ok: true }, { ok: false, notify: true }, { ok: false, notify: false }]);
  });

  it("memory buckets stay bounded", () => {
    const m = new MemoryBuckets(100);
    for (let i = 0; i < 1000; i++) m.updateBuckets([`k${i}`], () => ({ next: [{ tokens: 1, at: i }], result: true }), -Infinity);
    expect(m.size).toBe(100);
  });
});

describe("token bucket properties", () => {
  const op = fc.record({ dt: fc.integer({ min: -5_000, max: 120_000 }), n: fc.integer({ min: 0, max: 5 }) });
  it("tokens stay within [0, capacity] and grants never exceed capacity + refill", () => {
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
            const r = takeAll([state], [{ key: "k", capacity }], now);
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
