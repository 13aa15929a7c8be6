// How a claimed digest attempt reads to its claimant, the same on every backend: attempts counts every attempt
// started on the channel's day, settled those known to have posted nothing (a 429, a refusal, or checked with the
// platform); any other earlier attempt may have reached the platform, so it must be asked before posting again.
import type { DigestAttempt } from "./types.js";

export interface AttemptCounts {
  attempts: number;
  settled_attempts: number;
  /** epoch ms the first unsettled attempt started */
  unsettled_since: number | null;
}

export function toAttempt(r: AttemptCounts): DigestAttempt {
  const uncertain = r.attempts - 1 > r.settled_attempts;
  return { attempt: r.attempts, uncertain, ...(uncertain && r.unsettled_since !== null ? { uncertainSince: r.unsettled_since } : {}) };
}
