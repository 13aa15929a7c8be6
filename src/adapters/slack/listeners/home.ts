// App Home: published when a user opens the Home tab, with this workspace's settings as they are now.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { SlackRuntime } from "../context.js";
import { buildHomeView } from "../home.js";

export function appHomeListener(rt: SlackRuntime) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== "home") return;
    const team = context.teamId ?? body.team_id ?? "";
    const view = buildHomeView(await rt.deps.storage.listChannelSettings("slack", team));
    await client.views.publish({ user_id: event.user, view });
  };
}
