// Daily digest delivery: schedule (croner, per time zone), pacing, retries and exactly-once claims with leases.
export { startDigestScheduler, DigestScheduler, DEFAULT_RETRY, realTime, type SchedulerOptions, type SchedulerTime, type RetryPolicy, type TickReport } from "./scheduler.js";
export { cronPattern, nextRunAfter, runsUpTo, localDate, localDateTime, TIME_FORM } from "./schedule.js";
export { createPacer, createSharedPacer, DIGEST_BUDGET_KEY, PER_CHANNEL_INTERVAL_MS, type Pacer } from "./pacing.js";
export { LEASE_MARGIN_MS } from "./delivery.js";
export { channelId, digestForChannel } from "./content.js";
