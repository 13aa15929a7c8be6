// app_uninstalled and tokens_revoked (several workspaces): Bolt does not act on them itself (bolt-js#1203), and it
// delivers them without authorizing, since the installation may already be gone. Either one removes the workspace's
// installation and pauses its digests and quick answers with the reason; they may arrive in either order, twice, or
// on two instances at once, and storage pauses once.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { StoredInstallations } from "../oauth/installations.js";

const teamOf = (body: { team_id?: string }, context: { teamId?: string }) => context.teamId ?? body.team_id;

export function appUninstalledListener(installations: StoredInstallations) {
  return async ({ body, context }: SlackEventMiddlewareArgs<"app_uninstalled"> & AllMiddlewareArgs): Promise<void> => {
    const team = teamOf(body, context);
    if (team) await installations.remove(team, "app_uninstalled");
  };
}

export function tokensRevokedListener(installations: StoredInstallations) {
  return async ({ event, body, context }: SlackEventMiddlewareArgs<"tokens_revoked"> & AllMiddlewareArgs): Promise<void> => {
    const team = teamOf(body, context);
    // Only a revoked bot token ends the installation; aistack asks for no user tokens.
    if (team && (event.tokens.bot?.length ?? 0) > 0) await installations.remove(team, "tokens_revoked");
  };
}
