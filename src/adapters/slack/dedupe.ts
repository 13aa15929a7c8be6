// Global middleware: each Events API delivery is claimed by its event_id in storage (with expiry), so a Slack
// retry (X-Slack-Retry-Num), a Socket Mode redelivery after a reconnect, or a replay never gets a second reply,
// also after a restart and across instances sharing the database.
import type { AnyMiddlewareArgs, AllMiddlewareArgs } from "@slack/bolt";
import type { AppDeps } from "../../app/deps.js";
import { claimOrAnswerAnyway } from "../../app/answering.js";
import { EVENT_DEDUPE_TTL_MS } from "./limits.js";

export const eventDedupeKey = (eventId: string) => `slack:event:${eventId}`;

export function dedupeEvents(deps: AppDeps) {
  return async ({ body, context, next }: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const b = body as { type?: string; event_id?: string };
    if (b.type === "event_callback" && typeof b.event_id === "string") {
      if (!claimOrAnswerAnyway(deps, eventDedupeKey(b.event_id), EVENT_DEDUPE_TTL_MS)) {
        deps.logger.info({ eventId: b.event_id, retryNum: context.retryNum, retryReason: context.retryReason }, "slack event already handled; skipped");
        return;
      }
    }
    await next();
  };
}
