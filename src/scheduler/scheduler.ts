// The digest schedule loop. Each tick looks at every active subscription, works out its most recent runs in
// its own time zone (croner), and for a run with no delivery row yet either claims and posts it (within the
// catch-up window) or records it as missed. Claims are rows with UNIQUE (channel, local date) taken in a
// transaction before posting, so two instances on one database, or a restart, never post a day twice.
// Clock, sleep and timer are injected: tests drive ticks on a fake clock and never wait.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { ChannelPoster, PostOutcome } from "../app/poster.js";
import type { AppDeps, RunningAdapter } from "../app/deps.js";
import type { Answer } from "../core/answer.js";
import type { ChannelKey, DigestSubscription } from "../storage/types.js";
import { channelId, digestForChannel } from "./content.js";
import { createPacer, type Pacer } from "./pacing.js";
import { localDate, localDateTime, nextRunAfter, runsUpTo } from "./schedule.js";

export interface SchedulerTime {
  /** waits ms (tests: advance a fake clock and resolve at once) */
  sleep(ms: number): Promise<void>;
  /** runs fn after ms; returns a cancel function */
  setTimer(fn: () => void, ms: number): () => void;
}

export interface RetryPolicy {
  /** total attempts for transient errors (5xx, network), including the first */
  maxAttempts: number;
  /** first backoff; doubles each retry */
  baseDelayMs: number;
  maxDelayMs: number;
  /** how many 429s in a row are honoured before giving up */
  maxRateLimited: number;
}

export interface SchedulerOptions {
  time?: SchedulerTime;
  /** recorded as claimed_by; default host:pid:random */
  instanceId?: string;
  retry?: Partial<RetryPolicy>;
  /** longest sleep between ticks, so new subscriptions (also from other instances) are picked up; default DIGEST_POLL_SECONDS */
  pollMs?: number;
  /** how many past runs per subscription a tick considers (missed days beyond this are not recorded); default 3 */
  lookbackRuns?: number;
}

/** After a tick that could not read storage, try again this soon rather than at the next poll. */
export const STORAGE_RETRY_MS = 5_000;

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 2000, maxDelayMs: 60_000, maxRateLimited: 5 };

export const realTime: SchedulerTime = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
  setTimer(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref();
    return () => clearTimeout(t);
  },
};

/** What one tick did, per subscription run: for logs and tests. */
export interface TickReport {
  posted: string[];
  failed: string[];
  missed: string[];
  skipped: string[];
}

export class DigestScheduler {
  readonly instanceId: string;
  private readonly time: SchedulerTime;
  private readonly retry: RetryPolicy;
  private readonly pacer: Pacer;
  private readonly posters: Map<string, ChannelPoster>;
  private cancelTimer?: () => void;
  private running?: Promise<TickReport>;
  private stopped = false;
  private started = false;

  constructor(private readonly deps: AppDeps, posters: readonly ChannelPoster[], private readonly opts: SchedulerOptions = {}) {
    this.time = opts.time ?? realTime;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.instanceId = opts.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
    this.posters = new Map(posters.map((p) => [p.platform, p]));
    this.pacer = createPacer({ ratePerSecond: deps.config.DIGEST_GLOBAL_RATE, now: () => deps.clock().getTime(), sleep: (ms) => this.time.sleep(ms) });
  }

  get isStarted(): boolean {
    return this.started && !this.stopped;
  }

  /** Starts the loop: a first tick at once (catch-up), then one at each next run (or every pollMs). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    await this.running?.catch(() => undefined);
  }

  /** One pass over every subscription; concurrent calls share the pass in progress. */
  tick(): Promise<TickReport> {
    if (!this.running) {
      this.running = this.runTick().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  /** Milliseconds until the next run of any active subscription (capped at pollMs). */
  async nextWakeMs(): Promise<number> {
    const poll = this.opts.pollMs ?? this.deps.config.DIGEST_POLL_SECONDS * 1000;
    const subs = await this.active();
    const now = this.deps.clock();
    let wake = poll;
    for (const sub of subs) {
      const next = nextRunAfter(sub, now);
      if (next) wake = Math.min(wake, Math.max(0, next.getTime() - now.getTime()));
    }
    return wake;
  }

  private loop(): void {
    if (this.stopped) return;
    this.tick()
      .then((r) => this.deps.logger.debug({ posted: r.posted.length, failed: r.failed.length, missed: r.missed.length, skipped: r.skipped.length }, "digest tick"))
      .catch((err: unknown) => this.deps.logger.error({ err }, "digest tick failed"))
      .then(async () => {
        if (this.stopped) return;
        let wait = STORAGE_RETRY_MS;
        try {
          // Wake a moment after the run instant so the run is at or before "now".
          wait = (await this.nextWakeMs()) + 250;
        } catch (err) {
          this.deps.logger.error({ err }, "digest: cannot compute the next run");
        }
        if (!this.stopped) this.cancelTimer = this.time.setTimer(() => this.loop(), wait);
      });
  }

  private async active(): Promise<DigestSubscription[]> {
    return (await this.deps.storage.listDigestSubscriptions()).filter((s) => !s.pausedReason && this.posters.has(s.platform));
  }

  private async runTick(): Promise<TickReport> {
    const report: TickReport = { posted: [], failed: [], missed: [], skipped: [] };
    const now = this.deps.clock();
    const catchupMs = this.deps.config.DIGEST_CATCHUP_HOURS * 3_600_000;
    const jobs: Promise<void>[] = [];
    for (const sub of await this.active()) {
      let runs: Date[];
      try {
        runs = runsUpTo(sub, now, this.opts.lookbackRuns ?? 3).filter((r) => r.getTime() >= Date.parse(sub.createdAt) - 60_000);
      } catch (err) {
        this.deps.logger.error({ err, channel: channelId(sub) }, "digest: bad schedule");
        continue;
      }
      const latest = runs.at(-1);
      for (const run of runs) {
        const day = localDate(run, sub.tz);
        const label = `${channelId(sub)}@${day}`;
        if (await this.deps.storage.getDigestDelivery(sub, day)) continue;
        const late = now.getTime() - run.getTime();
        if (late > catchupMs) {
          if (await this.close(sub, day, run, "missed", `not running at ${localDateTime(run, sub.tz)}; catch-up window is ${this.deps.config.DIGEST_CATCHUP_HOURS} h`)) report.missed.push(label);
        } else if (run !== latest) {
          if (await this.close(sub, day, run, "skipped", `a newer digest for ${localDate(latest!, sub.tz)} replaces it`)) report.skipped.push(label);
        } else if (await this.deps.storage.claimDigestDelivery(sub, day, run, this.instanceId, now)) {
          jobs.push(this.deliver(sub, day).then((ok) => void (ok ? report.posted : report.failed).push(label)));
        }
      }
    }
    await Promise.all(jobs);
    return report;
  }

  /** Claims a run and records a final outcome without posting (missed, skipped). */
  private async close(key: ChannelKey, day: string, run: Date, outcome: "missed" | "skipped", detail: string): Promise<boolean> {
    const now = this.deps.clock();
    if (!(await this.deps.storage.claimDigestDelivery(key, day, run, this.instanceId, now))) return false;
    await this.deps.storage.finishDigestDelivery(key, day, { outcome, detail, attempts: 0 }, now);
    this.deps.logger.info({ channel: channelId(key), day, outcome }, "digest not posted");
    return true;
  }

  /** Posts a claimed digest with pacing and bounded retries; records the outcome. True when posted. */
  private async deliver(sub: DigestSubscription, day: string): Promise<boolean> {
    const { storage, logger } = this.deps;
    const poster = this.posters.get(sub.platform)!;
    const finish = async (outcome: "posted" | "failed", detail: string | undefined, attempts: number, extra: { factId?: string; messageId?: string } = {}) => {
      logger.info({ channel: channelId(sub), day, outcome, attempts, detail }, "digest delivery");
      try {
        await storage.finishDigestDelivery(sub, day, { outcome, detail, attempts, ...extra }, this.deps.clock());
      } catch (err) {
        // The claim stands, so the day is never posted twice; its row stays "claimed" (shown as interrupted).
        logger.error({ err, channel: channelId(sub), day }, "digest outcome not recorded");
      }
      return outcome === "posted";
    };
    let answer: Answer;
    let factId: string | undefined;
    try {
      const core = this.deps.core();
      ({ answer, factOfTheDayId: factId } = await digestForChannel(core.kb, core, storage, sub, sub.topics, day));
    } catch (err) {
      return finish("failed", `could not compose: ${(err as Error).message}`, 0);
    }
    let attempts = 0;
    let transient = 0;
    let limited = 0;
    for (;;) {
      await this.pacer.acquire(channelId(sub));
      attempts++;
      let outcome: PostOutcome;
      try {
        outcome = await poster.post(sub, answer);
      } catch (err) {
        outcome = { ok: false, kind: "transient", detail: (err as Error).message };
      }
      if (outcome.ok) return finish("posted", undefined, attempts, { factId, messageId: outcome.messageId });
      switch (outcome.kind) {
        case "dead_channel":
          await storage.pauseDigestSubscription(sub, `The bot cannot post here (${outcome.detail}). Subscribe again once it can.`, "system", this.deps.clock()).catch((err: unknown) => logger.error({ err }, "digest pause not recorded"));
          return finish("failed", `dead channel: ${outcome.detail}`, attempts);
        case "permanent":
          return finish("failed", outcome.detail, attempts);
        case "rate_limited":
          if (++limited > this.retry.maxRateLimited) return finish("failed", `rate limited ${limited} times: ${outcome.detail}`, attempts);
          await this.time.sleep(Math.max(outcome.retryAfterMs, 0));
          break;
        case "transient":
          if (++transient >= this.retry.maxAttempts) return finish("failed", `gave up after ${transient} attempts: ${outcome.detail}`, attempts);
          await this.time.sleep(Math.min(this.retry.baseDelayMs * 2 ** (transient - 1), this.retry.maxDelayMs));
          break;
      }
    }
  }
}

/** Starts the digest scheduler for the given platform posters; main stops it on shutdown. */
export function startDigestScheduler(deps: AppDeps, posters: ChannelPoster[], opts: SchedulerOptions = {}): RunningAdapter & { scheduler: DigestScheduler } {
  const scheduler = new DigestScheduler(deps, posters, opts);
  scheduler.start();
  deps.logger.info({ platforms: posters.map((p) => p.platform), instance: scheduler.instanceId }, "digest scheduler started");
  return {
    name: "digest",
    scheduler,
    ready: async () => scheduler.isStarted && (await deps.storage.healthy()),
    stop: () => scheduler.stop(),
  };
}
