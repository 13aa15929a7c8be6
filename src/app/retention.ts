// Retention: what people wrote or did is kept RETENTION_DAYS and then deleted by a sweep on a timer (at start, then
// every RETENTION_SWEEP_MS), not as a side effect of later writes: questions (DMs included) in answer references,
// unanswered questions (one row per text, by when last asked), votes with user ids, the digest audit, expired claims.
// Subscriptions and channel settings are configuration and stay.
import type { AppDeps } from "./deps.js";

/** How often the sweep runs: rows live at most this much longer than RETENTION_DAYS. */
export const RETENTION_SWEEP_MS = 60 * 60 * 1000;
/** The first sweep waits this long after start, off the start-up path. */
export const RETENTION_FIRST_SWEEP_MS = 30_000;

export const retentionMs = (config: Pick<AppDeps["config"], "RETENTION_DAYS">) => config.RETENTION_DAYS * 86_400_000;

export interface RetentionSweeper {
  /** one sweep now; resolves with the rows deleted per table (never rejects: a failure is logged) */
  sweep(): Promise<Record<string, number> | undefined>;
  stop(): void;
}

export function startRetention(deps: Pick<AppDeps, "config" | "storage" | "logger" | "clock">, opts: { firstMs?: number; everyMs?: number } = {}): RetentionSweeper {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const sweep = async () => {
    const now = deps.clock();
    try {
      const deleted = await deps.storage.pruneBefore(new Date(now.getTime() - retentionMs(deps.config)), now);
      if (Object.values(deleted).some((n) => n > 0)) deps.logger.info({ deleted, retentionDays: deps.config.RETENTION_DAYS }, "retention sweep");
      return deleted;
    } catch (err) {
      deps.logger.warn({ err }, "retention sweep failed; the next one tries again");
      return undefined;
    }
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    // unref'd: the sweep never keeps a stopping process alive
    timer = setTimeout(() => void sweep().then(() => schedule(opts.everyMs ?? RETENTION_SWEEP_MS)), ms).unref();
  };
  schedule(opts.firstMs ?? RETENTION_FIRST_SWEEP_MS);
  return {
    sweep,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
