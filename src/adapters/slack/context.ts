// What every Slack listener needs, and the translation of Slack's events into the pipeline's neutral request.
import type { webApi } from "@slack/bolt";
import type { AppDeps } from "../../app/deps.js";
import type { Pipeline } from "../../app/pipeline.js";
import type { ActorFacts, InboundRequest, RequestInput, Via } from "../../app/request.js";
import { USER_LOOKUP_TIMEOUT_MS } from "./limits.js";
import type { ReplySender } from "./reply-sender.js";

export interface SlackRuntime {
  deps: AppDeps;
  pipeline: Pipeline;
  /** the app's bot user (U…): never answered, and stripped from mentions; per workspace (botUserOf) with several */
  botUserId?: string;
  botId?: string;
  /** listeners' chat.postMessage / postEphemeral: sent at most once, a 429 holding up only its channel */
  replies: ReplySender;
}

/** The bot user in the request's workspace: Bolt's authorize puts it in the context (an installation's own bot user). */
export const botUserOf = (rt: SlackRuntime, context: { botUserId?: string }): string | undefined => context.botUserId ?? rt.botUserId;

export interface SlackWhere {
  team: string;
  channel: string;
  user: string;
}

const BUTTON_VIAS: readonly Via[] = ["share", "feedback", "more", "suggest", "picture"];

/**
 * A Slack request: user and channel ids are per workspace, so rate limits qualify them by team. Slack only lets
 * members post (and run commands) in a channel, so the author may change its settings (`canManageChannel`); whether
 * they are a workspace admin, and their zone, cost a users.info call made only for commands that declare them.
 * A button press changes no settings: it proves nothing about membership.
 */
export function slackRequest(rt: SlackRuntime, client: webApi.WebClient, where: SlackWhere, via: Via, input: RequestInput, extra: Partial<InboundRequest> = {}): InboundRequest {
  const team = where.team || "unknown";
  const channel = where.channel || "unknown";
  return {
    key: { platform: "slack", workspace: team, channel },
    via,
    actor: { id: where.user, canManageChannel: !BUTTON_VIAS.includes(via), isWorkspaceAdmin: false },
    rateSubject: { user: `${team}:${where.user}`, channel: `${team}:${channel}` },
    input,
    lookupActor: () => lookupUser(client, where.user, rt),
    receivedAt: Date.now(),
    ...extra,
  };
}

/**
 * users.info for the admin flag and time zone, bounded so the 3-second ack is never at risk; on a timeout or
 * error the user is treated as a non-admin in the default zone.
 */
export async function lookupUser(client: webApi.WebClient, userId: string, rt: SlackRuntime): Promise<ActorFacts> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ActorFacts>((resolve) => {
    timer = setTimeout(() => resolve({ isWorkspaceAdmin: false }), USER_LOOKUP_TIMEOUT_MS);
  });
  const lookup = client.users
    .info({ user: userId })
    .then((r): ActorFacts => ({ isWorkspaceAdmin: Boolean(r.user?.is_admin || r.user?.is_owner || r.user?.is_primary_owner), ...(r.user?.tz ? { timeZone: r.user.tz } : {}) }))
    .catch((err: unknown): ActorFacts => {
      rt.deps.logger.warn({ code: (err as { code?: string }).code }, "slack users.info failed; treating user as non-admin");
      return { isWorkspaceAdmin: false };
    });
  try {
    return await Promise.race([lookup, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
