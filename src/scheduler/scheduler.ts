// The digest schedule loop. Each tick looks at every active subscription, works out its most recent runs in
// its own time zone (croner), and for a run that is not done yet either delivers it (within the catch-up window) or
// records it as missed or skipped. Delivery (delivery.ts) claims each post just before it goes out, with a lease,
// so a kill, a restart or a second instance on the same database never posts a day twice and never loses one.
// Clock, sleep and timer are injected: tests drive ticks on a fake clock and never wait.
import { hostname } from "node:os";
import { createHash, randomBytes } from "node:crypto";
import type { ChannelPoster } from "../app/poster.js";
import type { AppDeps, RunningAdapter } from "../app/deps.js";
import type { ChannelKey, DigestSubscription } from "../storage/types.js";
import { channelId } from "./content.js";
import { DEFAULT_RETRY, deliverRun, LEASE_MARGIN_MS, Stopped, type DeliveryContext, type DueRun, type RetryPolicy } from "./delivery.js";
import { createSharedPacer, type Pacer } from "./pacing.js";
import { localDate, localDateTime, nextRunAfter, runsUpTo } from "./schedule.js";

export { DEFAULT_RETRY, type RetryPolicy } from "./delivery.js";

export interface SchedulerTime {
  /** waits ms (tests: advance a fake clock and resolve at once) */
  sleep(ms: number): Promise<void>;
  /** runs fn after ms; returns a cancel function */
  setTimer(fn: () => void, ms: number): () => void;
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

export const realTime: SchedulerTime = {
  // unref'd: they never keep a process alive by themselves; stop() wakes every wait, and shutdown keeps its own timer
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
  /** held by another instance (or taken by it while this one paced), or given back for a retry at shutdown */
  elsewhere: string[];
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
  /** wakes every wait when stop() is called */
  private readonly wakers = new Set<() => void>();
  /** epoch ms of the earliest lease (another instance's, or a retry's) seen running out after the last tick */
  private leaseWake?: number;
  private readonly platformPause = new Map<string, number>();

  constructor(private readonly deps: AppDeps, posters: readonly ChannelPoster[], private readonly opts: SchedulerOptions = {}) {
    this.time = opts.time ?? realTime;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.instanceId = opts.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
    this.posters = new Map(posters.map((p) => [p.platform, p]));
    this.pacer = createSharedPacer({ buckets: deps.storage, ratePerSecond: deps.config.DIGEST_GLOBAL_RATE, now: () => deps.clock().getTime(), sleep: (ms) => this.nap(ms) });
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

  /**
   * Stops: no new posts; a post in flight finishes and is recorded; a channel waiting for a retry keeps its claim
   * given back until its retry time (another instance or the next start takes it then). Resolves once the tick is done.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    for (const wake of [...this.wakers]) wake();
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

  /** Milliseconds until the next run of any active subscription, or a held claim's lease running out (capped at pollMs). */
  async nextWakeMs(): Promise<number> {
    const poll = this.opts.pollMs ?? this.deps.config.DIGEST_POLL_SECONDS * 1000;
    const subs = await this.active();
    const now = this.deps.clock();
    let wake = poll;
    for (const sub of subs) {
      const next = nextRunAfter(sub, now);
      if (next) wake = Math.min(wake, Math.max(0, next.getTime() - now.getTime()));
    }
    if (this.leaseWake !== undefined) wake = Math.min(wake, Math.max(0, this.leaseWake - now.getTime()));
    return wake;
  }

  /** Waits ms, unless stop() is called first (then throws Stopped). */
  private async nap(ms: number): Promise<void> {
    if (this.stopped) throw new Stopped();
    let wake!: () => void;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    this.wakers.add(wake);
    try {
      await Promise.race([this.time.sleep(ms), woken]);
    } finally {
      this.wakers.delete(wake);
    }
    if (this.stopped) throw new Stopped();
  }

  private loop(): void {
    if (this.stopped) return;
    this.tick()
      .then((r) => this.deps.logger.debug({ posted: r.posted.length, failed: r.failed.length, missed: r.missed.length, skipped: r.skipped.length, elsewhere: r.elsewhere.length }, "digest tick"))
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
    const report: TickReport = { posted: [], failed: [], missed: [], skipped: [], elsewhere: [] };
    this.leaseWake = undefined;
    const now = this.deps.clock();
    const catchupMs = this.deps.config.DIGEST_CATCHUP_HOURS * 3_600_000;
    const due: DueRun[] = [];
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
        if (!(await this.open(sub, day, now))) continue;
        const late = now.getTime() - run.getTime();
        if (late > catchupMs) {
          const done = await this.close(sub, day, run, "missed", `not running at ${localDateTime(run, sub.tz)}; catch-up window is ${this.deps.config.DIGEST_CATCHUP_HOURS} h`);
          if (done) report[done === "missed" ? "missed" : done].push(label);
        } else if (run !== latest) {
          const done = await this.close(sub, day, run, "skipped", `a newer digest for ${localDate(latest!, sub.tz)} replaces it`);
          if (done) report[done === "skipped" ? "skipped" : done].push(label);
        } else {
          due.push({ sub, day, run, label, deadline: run.getTime() + catchupMs });
        }
      }
    }
    await this.fanOut(due, report);
    return report;
  }

  /**
   * Posts the due runs at the paced rate: the pacing token is taken first, then the post is claimed and sent while
   * the next token is awaited. Each instance starts at its own place in the list, so two instances ticking together
   * mostly post different channels instead of contending for the same ones.
   */
  private async fanOut(due: DueRun[], report: TickReport): Promise<void> {
    const jobs: Promise<void>[] = [];
    const offset = due.length ? createHash("sha256").update(this.instanceId).digest().readUInt32BE(0) % due.length : 0;
    for (let i = 0; i < due.length && !this.stopped; i++) {
      const run = due[(offset + i) % due.length]!;
      // posted or held elsewhere meanwhile: no pacing token spent on it
      if (!(await this.open(run.sub, run.day, this.deps.clock()))) {
        report.elsewhere.push(run.label);
        continue;
      }
      try {
        await this.pacer.acquire(channelId(run.sub));
      } catch (err) {
        if (!(err instanceof Stopped)) this.deps.logger.error({ err }, "digest: pacing failed; the next tick tries again");
        break;
      }
      if (this.stopped) break;
      jobs.push(deliverRun(this.context(run.sub), run, true).then((end) => {
        report[end === "stopped" ? "elsewhere" : end].push(run.label);
      }));
    }
    await Promise.all(jobs);
  }

  private context(sub: DigestSubscription): DeliveryContext {
    const timeout = this.deps.config.PLATFORM_TIMEOUT_MS;
    return {
      deps: this.deps,
      instanceId: this.instanceId,
      retry: this.retry,
      pacer: this.pacer,
      poster: this.posters.get(sub.platform)!,
      leaseMs: 2 * timeout + LEASE_MARGIN_MS,
      settleMs: timeout,
      nap: (ms) => this.nap(ms),
      stopping: () => this.stopped,
      pausePlatform: (platform, until) => this.platformPause.set(platform, Math.max(until, this.platformPause.get(platform) ?? 0)),
      platformPausedUntil: (platform) => this.platformPause.get(platform) ?? 0,
    };
  }

  /** True when the run still needs doing here: no row yet, or a claim whose lease has run out. Notes when a held one frees. */
  private async open(key: ChannelKey, day: string, now: Date): Promise<boolean> {
    const row = await this.deps.storage.getDigestDelivery(key, day);
    if (!row) return true;
    if (row.outcome !== "claimed") return false;
    const until = row.leaseUntil ?? 0;
    if (until <= now.getTime()) return true;
    if (until < 8_640_000_000_000_000) this.leaseWake = Math.min(this.leaseWake ?? Infinity, until);
    return false;
  }

  /**
   * Records a run that will not be posted (missed, skipped). A run an earlier attempt may have posted is first looked
   * for on the platform, so the record says what happened.
   */
  private async close(key: DigestSubscription, day: string, run: Date, outcome: "missed" | "skipped", detail: string): Promise<"missed" | "skipped" | "posted" | "failed" | undefined> {
    const now = this.deps.clock();
    const attempt = await this.deps.storage.claimDigestAttempt(key, day, run, this.instanceId, now, 2 * this.deps.config.PLATFORM_TIMEOUT_MS + LEASE_MARGIN_MS);
    if (!attempt) return undefined;
    let result: "missed" | "skipped" | "posted" | "failed" = outcome;
    let messageId: string | undefined;
    if (attempt.uncertain) {
      const poster = this.posters.get(key.platform)!;
      const found = poster.findPosted ? await poster.findPosted(key, { localDate: day, scheduledFor: run }).catch(() => ({ found: "unknown" as const, detail: "" })) : { found: "unknown" as const, detail: "" };
      if (found.found === true) {
        result = "posted";
        messageId = found.messageId;
        detail = "found on the platform after an attempt of unknown outcome";
      } else if (found.found === "unknown") {
        result = "failed";
        detail = `outcome unknown: interrupted while posting, and the platform could not be asked; ${detail}`;
      }
    }
    await this.deps.storage.finishDigestDelivery(key, day, { outcome: result, detail, attempts: attempt.attempt - 1, claimedBy: this.instanceId, ...(messageId ? { messageId } : {}) }, now);
    this.deps.logger.info({ channel: channelId(key), day, outcome: result }, result === "posted" ? "digest delivery" : "digest not posted");
    return result;
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
