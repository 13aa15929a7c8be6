// One channel's digest for one local date, from its claim to its recorded outcome. Each attempt is claimed just
// before its post, with a lease: an instance that dies mid-post leaves a claim that runs out, and whoever takes it
// next (a restart, another instance) first asks the platform whether the post went out (Slack message metadata,
// Discord's nonce and history) before posting again. A wait (Retry-After, a backoff) gives the claim back until
// then, so a kill during the wait loses nothing and one channel's wait never holds up another.
import type { AppDeps } from "../app/deps.js";
import { MAX_RETRY_AFTER_MS, type ChannelPoster, type DigestMark, type FindOutcome, type PostOutcome } from "../app/poster.js";
import type { Answer } from "../core/answer.js";
import type { DigestAttempt, DigestSubscription } from "../storage/types.js";
import { channelId, digestForChannel } from "./content.js";
import type { Pacer } from "./pacing.js";

export interface RetryPolicy {
  /** attempts that failed without a definite answer (transient, unknown, a check that could not be made), including the first */
  maxAttempts: number;
  /** first backoff; doubles each retry */
  baseDelayMs: number;
  maxDelayMs: number;
  /** how many 429s in a row are honoured before giving up */
  maxRateLimited: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 2000, maxDelayMs: 60_000, maxRateLimited: 5 };

/**
 * Headroom of a claim's lease over its two platform calls (the check and the post, each bounded by
 * PLATFORM_TIMEOUT_MS): composing is done before the claim, and the claim's and outcome's writes take milliseconds on
 * a healthy database. A dead instance's claim is free again this long after its last call could have ended.
 */
export const LEASE_MARGIN_MS = 5_000;

/** A run that is due now: the subscription, its local date and when it was due. */
export interface DueRun {
  sub: DigestSubscription;
  day: string;
  run: Date;
  label: string;
  /** epoch ms after which a post is too late (the catch-up window): a retry past it is reported instead */
  deadline: number;
}

/** Thrown out of a wait when the scheduler stops. */
export class Stopped extends Error {
  constructor() {
    super("digest scheduler stopping");
  }
}

export interface DeliveryContext {
  deps: AppDeps;
  instanceId: string;
  retry: RetryPolicy;
  pacer: Pacer;
  poster: ChannelPoster;
  leaseMs: number;
  /** how long after an attempt of unknown outcome the platform is asked: a post it accepted late has shown up by then */
  settleMs: number;
  /** waits; throws Stopped when the scheduler stops meanwhile */
  nap(ms: number): Promise<void>;
  stopping(): boolean;
  /** a platform-wide rate limit (Discord's global one): every channel of the platform waits until then */
  pausePlatform(platform: string, untilMs: number): void;
  platformPausedUntil(platform: string): number;
}

/** How a delivery ended for the tick's report: posted or failed here, in another instance's hands, or stopped (released). */
export type DeliveryEnd = "posted" | "failed" | "elsewhere" | "stopped";

const backoff = (retry: RetryPolicy, n: number) => Math.min(retry.baseDelayMs * 2 ** (n - 1), retry.maxDelayMs);

/** Delivers one due run. `paced`: the caller already took this post's pacing token. */
export async function deliverRun(ctx: DeliveryContext, due: DueRun, paced: boolean): Promise<DeliveryEnd> {
  try {
    return await attempts(ctx, due, paced);
  } catch (err) {
    if (err instanceof Stopped) return "stopped";
    throw err;
  }
}

async function attempts(ctx: DeliveryContext, due: DueRun, paced: boolean): Promise<DeliveryEnd> {
  const { deps, poster, instanceId: me } = ctx;
  const { storage, logger } = deps;
  const { sub, day, run } = due;
  const mark: DigestMark = { localDate: day, scheduledFor: run };
  const channel = channelId(sub);

  let answer: Answer | undefined;
  let factId: string | undefined;
  let composeError: string | undefined;
  try {
    const core = deps.core();
    ({ answer, factOfTheDayId: factId } = await digestForChannel(core.kb, core, storage, sub, sub.topics, day));
  } catch (err) {
    composeError = (err as Error).message;
  }

  let limited = 0;
  let tries = 0;
  let lastProblem = "";
  for (let first = true; ; first = false) {
    if (ctx.stopping()) return "stopped";
    const paused = ctx.platformPausedUntil(sub.platform) - deps.clock().getTime();
    if (paused > 0) await ctx.nap(paused);
    if (!first || !paced) await ctx.pacer.acquire(channel);
    if (ctx.stopping()) return "stopped";
    const now = deps.clock();
    const attempt = await storage.claimDigestAttempt(sub, day, run, me, now, ctx.leaseMs);
    if (!attempt) return "elsewhere";
    const step = new Attempt(ctx, due, attempt, factId);
    if (ctx.stopping()) return step.giveBack(now.getTime(), !attempt.uncertain);

    if (attempt.uncertain) {
      if (!poster.findPosted) return step.finish("failed", "outcome unknown: an earlier attempt may have posted, and this platform cannot be asked, so it is not posted again");
      const found: FindOutcome = await poster.findPosted(sub, mark).catch((err: unknown) => ({ found: "unknown" as const, detail: (err as Error).message }));
      if (found.found === true) return step.finish("posted", "found on the platform after an attempt of unknown outcome", found.messageId);
      if (found.found === "unknown") {
        lastProblem = `could not ask the platform whether an earlier attempt posted (${found.detail})`;
        if (++tries >= ctx.retry.maxAttempts) return step.finish("failed", `outcome unknown: ${lastProblem}`);
        const wait = Math.min(Math.max(found.retryAfterMs ?? 0, backoff(ctx.retry, tries)), MAX_RETRY_AFTER_MS);
        await step.giveBack(now.getTime() + wait, false, lastProblem);
        await ctx.nap(wait);
        continue;
      }
    }
    if (composeError !== undefined || !answer) return step.finish("failed", `could not compose: ${composeError ?? "no answer"}`);
    if (tries >= ctx.retry.maxAttempts) return step.finish("failed", `gave up after ${tries} attempts: ${lastProblem}`);
    if (now.getTime() > due.deadline) return step.finish("failed", `not posted within the catch-up window (${deps.config.DIGEST_CATCHUP_HOURS} h): ${lastProblem}`);

    let outcome: PostOutcome;
    try {
      outcome = await poster.post(sub, answer, mark);
    } catch (err) {
      outcome = { ok: false, kind: "unknown", detail: (err as Error).message };
    }
    if (outcome.ok) return step.finish("posted", undefined, outcome.messageId);
    const at = deps.clock().getTime();
    switch (outcome.kind) {
      case "dead_channel":
        await storage.pauseDigestSubscription(sub, `The bot cannot post here (${outcome.detail}). Subscribe again once it can.`, "system", deps.clock()).catch((err: unknown) => logger.error({ err }, "digest pause not recorded"));
        return step.finish("failed", `dead channel: ${outcome.detail}`);
      case "permanent":
        return step.finish("failed", outcome.detail);
      case "rate_limited": {
        const wait = Math.max(outcome.retryAfterMs, 0);
        if (wait > MAX_RETRY_AFTER_MS) return step.finish("failed", `rate limited: asked to wait ${Math.ceil(wait / 1000)} s, longer than the ${MAX_RETRY_AFTER_MS / 1000} s a digest waits (${outcome.detail})`);
        if (++limited > ctx.retry.maxRateLimited) return step.finish("failed", `rate limited ${limited} times: ${outcome.detail}`);
        if (at + wait > due.deadline) return step.finish("failed", `rate limited past the catch-up window: ${outcome.detail}`);
        if (outcome.scope === "platform") ctx.pausePlatform(sub.platform, at + wait);
        await step.giveBack(at + wait, true, `rate limited: ${outcome.detail}`);
        await ctx.nap(wait);
        break;
      }
      case "transient": {
        lastProblem = outcome.detail;
        if (++tries >= ctx.retry.maxAttempts) return step.finish("failed", `gave up after ${tries} attempts: ${outcome.detail}`);
        const wait = backoff(ctx.retry, tries);
        await step.giveBack(at + wait, true, outcome.detail);
        await ctx.nap(wait);
        break;
      }
      case "unknown": {
        // Never resent blindly: the next attempt asks the platform first, once a late post would have shown up.
        lastProblem = `outcome unknown (${outcome.detail})`;
        tries++;
        const wait = Math.max(ctx.settleMs, backoff(ctx.retry, tries));
        logger.warn({ channel, day, detail: outcome.detail }, "digest post outcome unknown; the platform is asked before any second post");
        await step.giveBack(at + wait, false, lastProblem);
        await ctx.nap(wait);
        break;
      }
    }
  }
}

/** One claimed attempt: records its final outcome, or gives the claim back until a time. */
class Attempt {
  constructor(
    private readonly ctx: DeliveryContext,
    private readonly due: DueRun,
    private readonly attempt: DigestAttempt,
    private readonly factId: string | undefined,
  ) {}

  async finish(outcome: "posted" | "failed", detail: string | undefined, messageId?: string): Promise<DeliveryEnd> {
    const { deps, instanceId } = this.ctx;
    const { sub, day } = this.due;
    const fields = { channel: channelId(sub), day, outcome, attempts: this.attempt.attempt, detail };
    if (outcome === "posted") deps.logger.info(fields, "digest delivery");
    else deps.logger.warn(fields, "digest delivery");
    try {
      await deps.storage.finishDigestDelivery(sub, day, {
        outcome, detail, attempts: this.attempt.attempt, claimedBy: instanceId, ...(messageId ? { messageId } : {}), ...(outcome === "posted" && this.factId ? { factId: this.factId } : {}),
      }, deps.clock());
    } catch (err) {
      // The claim's lease runs out; whoever takes it next asks the platform and records what it finds.
      deps.logger.error({ err, channel: channelId(sub), day }, "digest outcome not recorded");
    }
    return outcome;
  }

  /** Gives the claim back until `untilMs`; `settled`: nothing was posted by this attempt (nor, checked, by earlier ones). */
  async giveBack(untilMs: number, settled: boolean, detail?: string): Promise<DeliveryEnd> {
    const { deps, instanceId } = this.ctx;
    await deps.storage.releaseDigestAttempt(this.due.sub, this.due.day, instanceId, new Date(untilMs), settled, detail)
      // not given back: its lease runs out instead
      .catch((err: unknown) => deps.logger.error({ err, channel: channelId(this.due.sub), day: this.due.day }, "digest claim not given back"));
    return "stopped";
  }
}
