// What every Slack listener needs: the app deps plus who the bot is. Built once per started app.
import type { webApi } from "@slack/bolt";
import type { Actor } from "../../app/commands/types.js";
import type { Request } from "../../app/answering.js";
import type { AppDeps } from "../../app/deps.js";
import { USER_LOOKUP_TIMEOUT_MS } from "./limits.js";

export interface SlackRuntime {
  deps: AppDeps;
  /** the app's bot user (U…): never answered, and stripped from mentions */
  botUserId: string;
  botId?: string;
}

export const slackRequest = (team: string, channel: string, actor: Actor, timeZone?: string): Request => ({
  platform: "slack",
  key: { platform: "slack", workspace: team || "unknown", channel: channel || "unknown" },
  actor,
  ...(timeZone ? { timeZone } : {}),
});

export interface UserFacts {
  isWorkspaceAdmin: boolean;
  timeZone?: string;
}

/**
 * users.info for the admin flag and time zone, bounded so the 3-second ack is never at risk; on a timeout or
 * error the user is treated as a non-admin in the default zone.
 */
export async function lookupUser(client: webApi.WebClient, userId: string, rt: SlackRuntime): Promise<UserFacts> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<UserFacts>((resolve) => {
    timer = setTimeout(() => resolve({ isWorkspaceAdmin: false }), USER_LOOKUP_TIMEOUT_MS);
  });
  const lookup = client.users
    .info({ user: userId })
    .then((r): UserFacts => ({ isWorkspaceAdmin: Boolean(r.user?.is_admin || r.user?.is_owner || r.user?.is_primary_owner), ...(r.user?.tz ? { timeZone: r.user.tz } : {}) }))
    .catch((err: unknown): UserFacts => {
      rt.deps.logger.warn({ code: (err as { code?: string }).code }, "slack users.info failed; treating user as non-admin");
      return { isWorkspaceAdmin: false };
    });
  try {
    return await Promise.race([lookup, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The actor for a text command typed in a channel. Slack only lets members post (and run commands) in a
 * channel, so the author is a member: that is the permission `autoanswer` needs. The admin flag and time
 * zone cost a users.info call, made only for the commands that use them (digest).
 */
export async function actorFor(client: webApi.WebClient, userId: string, commandName: string, rt: SlackRuntime): Promise<{ actor: Actor; timeZone?: string }> {
  if (commandName !== "digest") return { actor: { id: userId, canManageChannel: true, isWorkspaceAdmin: false } };
  const facts = await lookupUser(client, userId, rt);
  return { actor: { id: userId, canManageChannel: true, isWorkspaceAdmin: facts.isWorkspaceAdmin }, ...(facts.timeZone ? { timeZone: facts.timeZone } : {}) };
}
