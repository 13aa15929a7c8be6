// Per-user and per-channel request limits (RATE_USER_PER_MINUTE, RATE_CHANNEL_PER_MINUTE), checked before the core
// runs. The counters live in storage, not in memory, so the limit holds across shards and restarts: each request
// claims the next free slot of the current minute through the storage's atomic, expiring event claims.
import type { AppDeps } from "../../app/deps.js";

const WINDOW_MS = 60_000;

/** Claims one of `limit` slots in this minute's window for `scope`; false when all are taken. */
function takeSlot(deps: AppDeps, scope: string, limit: number, now: Date): boolean {
  const window = Math.floor(now.getTime() / WINDOW_MS);
  for (let slot = 0; slot < limit; slot++) {
    if (deps.storage.claimEvent(`discord:rate:${scope}:${window}:${slot}`, now, WINDOW_MS * 2)) return true;
  }
  return false;
}

export type RateDecision = { ok: true } | { ok: false; notify: boolean };

/**
 * Checks the user's and the channel's budgets. When limited, `notify` is true only the first time in the window,
 * so a limited user gets one short notice, not one per message.
 */
export function checkRate(deps: AppDeps, userId: string, channelId: string): RateDecision {
  const now = deps.clock();
  const userOk = takeSlot(deps, `user:${userId}`, deps.config.RATE_USER_PER_MINUTE, now);
  const channelOk = userOk && takeSlot(deps, `channel:${channelId}`, deps.config.RATE_CHANNEL_PER_MINUTE, now);
  if (userOk && channelOk) return { ok: true };
  const window = Math.floor(now.getTime() / WINDOW_MS);
  return { ok: false, notify: deps.storage.claimEvent(`discord:rate-notice:${userId}:${window}`, now, WINDOW_MS * 2) };
}

export const RATE_LIMITED_TEXT = "You're asking faster than aistack answers here. Please wait a minute and try again.";
