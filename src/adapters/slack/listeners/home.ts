// App Home: published when a user opens the Home tab, with the settings of the channels that user is in (a private
// channel's settings are nobody else's business), as they are now.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { SlackRuntime } from "../context.js";
import { buildHomeView } from "../home.js";

/**
 * users.conversations pages read per Home view (at Slack's recommended page size): a member of more than 2,000
 * channels sees the settings of the first 2,000. Each page is one Web API call (Tier 3), made only when the tab opens.
 */
export const HOME_MEMBERSHIP = { pageSize: 200, maxPages: 10 } as const;

type Client = AllMiddlewareArgs["client"];

/** The channels `user` is in that the app can see (public, private, group DMs), or undefined when Slack would not say. */
export async function viewerChannels(client: Client, user: string): Promise<Set<string> | undefined> {
  const ids = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < HOME_MEMBERSHIP.maxPages; page++) {
    const r = await client.users.conversations({ user, types: "public_channel,private_channel,mpim", exclude_archived: true, limit: HOME_MEMBERSHIP.pageSize, ...(cursor ? { cursor } : {}) });
    if (!r.ok) return undefined;
    for (const c of r.channels ?? []) if (c.id) ids.add(c.id);
    cursor = r.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return ids;
}

export function appHomeListener(rt: SlackRuntime) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== "home") return;
    const team = context.teamId ?? body.team_id ?? "";
    const [settings, mine] = await Promise.all([
      rt.deps.storage.listChannelSettings("slack", team),
      viewerChannels(client, event.user).catch((err: { data?: { error?: string }; code?: string }) => {
        rt.deps.logger.warn({ platform: "slack", slackError: err.data?.error, code: err.code }, "could not list the viewer's channels for the Home tab");
        return undefined;
      }),
    ]);
    // When Slack cannot say which channels the viewer is in, no channel is shown rather than every channel.
    const view = buildHomeView(mine ? settings.filter((s) => mine.has(s.channel)) : [], undefined, { membershipUnknown: !mine });
    await client.views.publish({ user_id: event.user, view });
  };
}
