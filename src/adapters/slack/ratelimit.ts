// Per-user and per-channel budgets (RATE_USER_PER_MINUTE, RATE_CHANNEL_PER_MINUTE), checked before the core runs.
// Counted in storage through its atomic, expiring claims, so the budget holds across restarts and instances
// sharing the database. A limited user is told once per minute, not once per message.
import type { AppDeps } from "../../app/deps.js";

const WINDOW_MS = 60_000;

function takeSlot(deps: AppDeps, scope: string, limit: number, now: Date): boolean {
  const window = Math.floor(now.getTime() / WINDOW_MS);
  for (let slot = 0; slot < limit; slot++) {
    if (deps.storage.claimEvent(`slack:rate:${scope}:${window}:${slot}`, now, WINDOW_MS * 2)) return true;
  }
  return false;
}

export type RateDecision = { ok: true } | { ok: false; notify: boolean };

export function checkRate(deps: AppDeps, team: string, userId: string, channelId: string): RateDecision {
  const now = deps.clock();
  const userOk = takeSlot(deps, `user:${team}:${userId}`, deps.config.RATE_USER_PER_MINUTE, now);
  const channelOk = userOk && takeSlot(deps, `channel:${team}:${channelId}`, deps.config.RATE_CHANNEL_PER_MINUTE, now);
  if (userOk && channelOk) return { ok: true };
  const window = Math.floor(now.getTime() / WINDOW_MS);
  return { ok: false, notify: deps.storage.claimEvent(`slack:rate-notice:${team}:${userId}:${window}`, now, WINDOW_MS * 2) };
}

export const RATE_LIMITED_TEXT = "You're asking faster than aistack answers here. Please wait a minute and try again.";
