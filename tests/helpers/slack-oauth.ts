// What a browser does in Slack's OAuth flow against aistack: open /slack/install, follow its "Add to Slack" link
// (Slack would ask the user, then redirect back with a code), and come back to /slack/oauth_redirect with the code,
// the state from the link and the state cookie. `finish` may be another instance than `start` (a load balancer).
import type { SlackHarness } from "./slack-harness.js";
import type { FakeWorkspace } from "./slack-fake-api.js";

export const STATE_COOKIE = "slack-app-oauth-state";

/** The "Add to Slack" link on the install page (Slack's authorize URL). */
export function authorizeUrl(html: string): URL {
  const href = /href="(https:\/\/slack\.com\/oauth\/v2\/authorize[^"]+)"/.exec(html)?.[1];
  if (!href) throw new Error("the install page has no link to Slack's authorize URL");
  return new URL(href.replace(/&amp;/g, "&"));
}

export async function installWorkspace(start: SlackHarness, ws: FakeWorkspace, finish: SlackHarness = start): Promise<{ status: number; text: string }> {
  const page = await start.get("/slack/install");
  const state = authorizeUrl(page.text).searchParams.get("state")!;
  const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
  const back = await finish.get(`/slack/oauth_redirect?code=${ws.code}&state=${encodeURIComponent(state)}`, { cookie });
  return { status: back.status, text: back.text };
}
