// Slack's view of the shared limiter (src/app/ratelimit.ts): user and channel ids are per workspace, so both
// are qualified by the team id.
import type { AppDeps } from "../../app/deps.js";
import { checkRate as checkShared, type RateDecision } from "../../app/ratelimit.js";

export { RATE_LIMITED_TEXT, type RateDecision } from "../../app/ratelimit.js";

export const checkRate = (deps: AppDeps, team: string, userId: string, channelId: string): RateDecision =>
  checkShared(deps, { platform: "slack", user: `${team}:${userId}`, channel: `${team}:${channelId}` });
