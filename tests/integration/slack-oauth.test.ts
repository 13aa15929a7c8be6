// Several workspaces through Bolt's OAuth flow, end to end on the real HTTP receiver: the install page, the redirect
// with a code and the signed state (oauth.v2.access and auth.test against the fake Web API), the installation stored
// sealed in the SQLite file, requests and digest posts with each workspace's own token, and app_uninstalled /
// tokens_revoked (either order, twice) leaving that workspace answered with a 200 and nothing posted.
import { readFileSync, existsSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { realCore, SlackHarness } from "../helpers/slack-harness.js";
import { silentLogger } from "../../src/log.js";
import type { FakeWorkspace } from "../helpers/slack-fake-api.js";
import { BOT_SCOPES } from "../../src/adapters/slack/scopes.js";
import { REMOVAL_REASONS } from "../../src/storage/types.js";
import { hugeAnswer } from "../helpers/slack-answer-fixtures.js";
import { authorizeUrl, installWorkspace, STATE_COOKIE } from "../helpers/slack-oauth.js";
import { loadConfig } from "../../src/config.js";
import { openInstallations } from "../../src/adapters/slack/index.js";

const digestAnswer = hugeAnswer(3);

describe("Slack OAuth: several workspaces", () => {
  let h: SlackHarness;
  let one: FakeWorkspace;
  let two: FakeWorkspace;
  beforeAll(async () => {
    h = await new SlackHarness({ oauth: true }).start();
    one = h.fake.addWorkspace("T100");
    two = h.fake.addWorkspace("T200");
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => h.fake.clear());

  it("serves an Add to Slack page linking to Slack's authorize URL with the client id, the manifest's scopes and a signed state", async () => {
    const page = await h.get("/slack/install");
    expect(page.status).toBe(200);
    const url = authorizeUrl(page.text);
    expect(url.origin + url.pathname).toBe("https://slack.com/oauth/v2/authorize");
    expect(url.searchParams.get("client_id")).toBe(h.fake.oauthClient.id);
    expect(url.searchParams.get("scope")!.split(",").sort()).toEqual([...BOT_SCOPES].sort());
    const state = url.searchParams.get("state")!;
    expect(state.split(".")).toHaveLength(3); // a JWT signed with SLACK_STATE_SECRET
    expect(page.headers.get("set-cookie")).toContain(`${STATE_COOKIE}=${state}`);
  });

  it("refuses a redirect whose state was not signed here or is not this browser's", async () => {
    const page = await h.get("/slack/install");
    const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
    const forged = "eyJhbGciOiJIUzI1NiJ9.eyJpbnN0YWxsT3B0aW9ucyI6e319.AAAA";
    const bad = await h.get(`/slack/oauth_redirect?code=${one.code}&state=${forged}`, { cookie: `${STATE_COOKIE}=${forged}` });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    const state = decodeURIComponent(cookie.split("=")[1]!);
    const noCookie = await h.get(`/slack/oauth_redirect?code=${one.code}&state=${encodeURIComponent(state)}`);
    expect(noCookie.status).toBeGreaterThanOrEqual(400);
    expect(h.fake.callsOf("oauth.v2.access")).toHaveLength(0);
    expect(await h.storage.getInstallation("slack", "T100")).toBeUndefined();
  });

  it("stores each installation sealed: no bot token in clear text in the SQLite file", async () => {
    expect((await installWorkspace(h, one)).status).toBe(200);
    expect((await installWorkspace(h, two)).status).toBe(200);
    expect(h.fake.callsOf("oauth.v2.access")).toHaveLength(2);
    const stored = await h.storage.getInstallation("slack", "T100");
    expect(stored).toMatchObject({ workspace: "T100", botUserId: one.botUserId, botId: one.botId, installedBy: one.installer });
    expect(stored!.sealed).not.toContain(one.botToken);
    h.sqlite.db.pragma("wal_checkpoint(TRUNCATE)");
    for (const file of [h.dbFile, `${h.dbFile}-wal`].filter((f) => existsSync(f))) {
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(one.botToken))).toBe(false);
      expect(bytes.includes(Buffer.from(two.botToken))).toBe(false);
      expect(bytes.includes(Buffer.from("-secret-bot-token"))).toBe(false);
    }
  });

  it("answers each workspace with its own token only", async () => {
    const a = await h.event({ type: "app_mention", user: "U1", text: `<@${one.botUserId}> who makes the H100?`, channel: "C100", ts: h.ts() }, { team: "T100" });
    const b = await h.event({ type: "app_mention", user: "U2", text: `<@${two.botUserId}> who makes the H100?`, channel: "C200", ts: h.ts() }, { team: "T200" });
    expect([a.status, b.status]).toEqual([200, 200]);
    const posts = h.fake.callsOf("chat.postMessage");
    expect(posts.map((p) => [p.args.channel, p.token])).toEqual([["C100", one.botToken], ["C200", two.botToken]]);
    // a slash command is answered in its ack; the users.info it needs goes out with that workspace's token
    const sub = await h.command("digest subscribe at 08:30", { team: "T200", user: "U2", channel: "C200" });
    expect(sub.status).toBe(200);
    expect(sub.text).toContain("blocks");
    expect(h.fake.callsOf("users.info").map((c) => c.token)).toEqual([two.botToken]);
    // App Home is published with the token of the workspace it is opened in
    await h.event({ type: "app_home_opened", user: "U1", channel: "D1", tab: "home" }, { team: "T100" });
    expect(h.fake.callsOf("views.publish").map((c) => c.token)).toEqual([one.botToken]);
    // every call carried one of the two tokens, each to its own workspace's channels
    expect(h.fake.calls.every((c) => c.token === one.botToken || c.token === two.botToken)).toBe(true);
  });

  it("posts a digest with the token of the subscription's workspace", async () => {
    const r = await h.adapter.poster.post({ platform: "slack", workspace: "T200", channel: "C200" }, digestAnswer);
    expect(r.ok).toBe(true);
    expect(h.fake.callsOf("chat.postMessage").map((c) => [c.args.channel, c.token])).toEqual([["C200", two.botToken]]);
  });

  it("app_uninstalled then tokens_revoked (and again): installation gone, digests paused with the reason, the workspace gets a 200 and nothing", async () => {
    const uninstalled = await h.event({ type: "app_uninstalled" }, { team: "T200" });
    expect(uninstalled.status).toBe(200);
    expect(await h.storage.getInstallation("slack", "T200")).toBeUndefined();
    const revoked = await h.event({ type: "tokens_revoked", tokens: { bot: [two.botUserId] } }, { team: "T200" });
    expect(revoked.status).toBe(200);
    expect((await h.event({ type: "app_uninstalled" }, { team: "T200" })).status).toBe(200);
    const mine = (await h.storage.listDigestSubscriptions("slack")).filter((s) => s.workspace === "T200");
    expect(mine).toHaveLength(1);
    expect(mine[0]!.pausedReason).toBe(REMOVAL_REASONS.app_uninstalled);
    h.fake.clear();
    const cmd = await h.command("who makes the H100?", { team: "T200", user: "U2", channel: "C200" });
    const mention = await h.event({ type: "app_mention", user: "U2", text: `<@${two.botUserId}> who makes the H100?`, channel: "C200", ts: h.ts() }, { team: "T200" });
    expect([cmd.status, mention.status]).toEqual([200, 200]);
    expect(cmd.text).toBe("");
    expect(h.fake.calls).toEqual([]);
    const digest = await h.adapter.poster.post({ platform: "slack", workspace: "T200", channel: "C200" }, digestAnswer);
    expect(digest).toMatchObject({ ok: false, kind: "dead_channel" });
    expect(h.fake.calls).toEqual([]);
    // the other workspace is untouched
    await h.event({ type: "app_mention", user: "U1", text: `<@${one.botUserId}> who makes the H100?`, channel: "C100", ts: h.ts() }, { team: "T100" });
    expect(h.fake.callsOf("chat.postMessage").map((c) => c.token)).toEqual([one.botToken]);
  });

  it("tokens_revoked first also removes the installation, and a reinstall answers again", async () => {
    expect((await h.event({ type: "tokens_revoked", tokens: { bot: [one.botUserId] } }, { team: "T100" })).status).toBe(200);
    expect(await h.storage.getInstallation("slack", "T100")).toBeUndefined();
    expect((await h.event({ type: "app_uninstalled" }, { team: "T100" })).status).toBe(200);
    expect((await installWorkspace(h, one)).status).toBe(200);
    h.fake.clear();
    await h.event({ type: "app_mention", user: "U1", text: `<@${one.botUserId}> who makes the H100?`, channel: "C100", ts: h.ts() }, { team: "T100" });
    expect(h.fake.callsOf("chat.postMessage").map((c) => c.token)).toEqual([one.botToken]);
  });

  it("refuses to start with another SLACK_TOKEN_KEY than the one that sealed the installations, naming only the variable", async () => {
    const deps = { config: loadConfig({ SLACK_TOKEN_KEY: "a".repeat(64) }), core: realCore, storage: h.storage, logger: silentLogger(), clock: () => new Date() };
    const err = await openInstallations(deps).then(() => undefined, (e: unknown) => e as Error);
    expect(err?.message).toContain("SLACK_TOKEN_KEY");
    expect(err?.message).not.toContain("a".repeat(64));
  });
});
