// Discord's view of the shared limiter (src/app/ratelimit.ts): user and channel ids are global snowflakes.
import type { AppDeps } from "../../app/deps.js";
import { checkRate as checkShared, type RateDecision } from "../../app/ratelimit.js";

export { RATE_LIMITED_TEXT, type RateDecision } from "../../app/ratelimit.js";

export const checkRate = (deps: AppDeps, userId: string, channelId: string): RateDecision =>
  checkShared(deps, { platform: "discord", user: userId, channel: channelId });
