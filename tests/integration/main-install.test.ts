// Black box, as the issue judges it: `src/main.ts` as a real process in Slack HTTP mode with OAuth credentials (no
// bot token) and DISCORD_PUBLIC_KEY, against the fake Slack Web API on 127.0.0.1. Install through /slack/install and
// the redirect; a signed command and mention from that team use its token; after app_uninstalled nothing is posted;
// the SQLite file and the debug-level logs hold no clear-text token or secret. On the same server, POST /discord/interactions: PING, a wrong
// signature, a signed /aistack ask.
import { generateKeyPairSync, sign } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chatInputPayload } from "../helpers/discord-interactions.js";
import { freePort, MainProcess, useMainProcesses } from "../helpers/main-process.js";
import { FakeSlackApi } from "../helpers/slack-fake-api.js";
import { TEST_STATE_SECRET, TEST_TOKEN_KEY } from "../helpers/slack-harness.js";
import { eventBody, signedHeaders, slashCommandBody, TEST_SIGNING_SECRET } from "../helpers/slack-signing.js";

const fake = new FakeSlackApi();
const procs = useMainProcesses(fake);
const discordKeys = generateKeyPairSync("ed25519");
const discordPublicHex = Buffer.from(discordKeys.publicKey.export({ format: "jwk" }).x!, "base64url").toString("hex");

// a whole process on a shared machine: start-up (tsx, the knowledge base) can take tens of seconds under load
describe("npm start: Slack OAuth and Discord interactions on one HTTP server", { timeout: 120_000 }, () => {
  it("installs, answers with the workspace's token, posts nothing after app_uninstalled, keeps no clear-text token; serves signed Discord interactions", async () => {
    const ws = fake.addWorkspace("T900");
    const dir = procs.tmp("install");
    const port = await freePort();
    const main = procs.track(
      new MainProcess({
        SLACK_CLIENT_ID: fake.oauthClient.id, SLACK_CLIENT_SECRET: fake.oauthClient.secret, SLACK_STATE_SECRET: TEST_STATE_SECRET,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_TOKEN_KEY: TEST_TOKEN_KEY, SLACK_API_URL: fake.apiUrl,
        DISCORD_PUBLIC_KEY: discordPublicHex, DATA_DIR: dir, PORT: String(port), LOG_LEVEL: "debug",
      }),
    );
    await main.waitForLog((l) => l.msg === "slack adapter listening", 60_000);
    const base = `http://127.0.0.1:${port}`;

    // the install page links to Slack's authorize URL with the client id and the scopes
    const page = await fetch(`${base}/slack/install`);
    const html = await page.text();
    const authorize = new URL(/href="(https:\/\/slack.com\/oauth\/v2\/authorize[^"]+)"/.exec(html)![1]!.replace(/&amp;/g, "&"));
    expect(authorize.searchParams.get("client_id")).toBe(fake.oauthClient.id);
    expect(authorize.searchParams.get("scope")).toContain("commands");
    const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
    const back = await fetch(`${base}/slack/oauth_redirect?code=${ws.code}&state=${encodeURIComponent(authorize.searchParams.get("state")!)}`, { headers: { cookie } });
    expect(back.status).toBe(200);

    // a signed command and a mention from that team go out with its token
    const post = async (body: string, type: string) => {
      const res = await fetch(`${base}/slack/events`, { method: "POST", headers: signedHeaders(body, type), body });
      return { status: res.status, text: await res.text() };
    };
    fake.clear();
    const cmd = await post(slashCommandBody({ text: "digest subscribe at 08:30", team: "T900", user: "U9", channel: "C9", responseUrl: fake.responseUrl("c1") }), "application/x-www-form-urlencoded");
    expect(cmd.status).toBe(200);
    expect(cmd.text).toContain("blocks");
    await post(eventBody({ type: "app_mention", user: "U9", text: `<@${ws.botUserId}> who makes the H100?`, channel: "C9", ts: "1700000001.000100" }, "EvInstall1", "T900"), "application/json");
    await expect.poll(() => fake.callsOf("chat.postMessage").length, { timeout: 15_000 }).toBe(1);
    expect(fake.calls.map((c) => c.token)).toEqual(fake.calls.map(() => ws.botToken));

    // after app_uninstalled, the next command and mention from that team get a 200 and nothing is posted
    expect((await post(eventBody({ type: "app_uninstalled" }, "EvInstall2", "T900"), "application/json")).status).toBe(200);
    await main.waitForLog((l) => l.msg === "slack installation removed");
    fake.clear();
    const after = await post(slashCommandBody({ text: "who makes the H100?", team: "T900", user: "U9", channel: "C9", responseUrl: fake.responseUrl("c2") }), "application/x-www-form-urlencoded");
    expect(after).toEqual({ status: 200, text: "" });
    expect((await post(eventBody({ type: "app_mention", user: "U9", text: `<@${ws.botUserId}> again?`, channel: "C9", ts: "1700000002.000100" }, "EvInstall3", "T900"), "application/json")).status).toBe(200);

    // Discord on the same server
    const discord = async (payload: unknown, key = discordKeys.privateKey) => {
      const body = JSON.stringify(payload);
      const ts = String(Math.floor(Date.now() / 1000));
      const res = await fetch(`${base}/discord/interactions`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-signature-ed25519": sign(null, Buffer.from(ts + body), key).toString("hex"), "x-signature-timestamp": ts },
        body,
      });
      return { status: res.status, body: res.status === 200 ? ((await res.json()) as any) : undefined };
    };
    expect(await discord({ type: 1, id: "1", application_id: "2", token: "t", version: 1 })).toEqual({ status: 200, body: { type: 1 } });
    expect((await discord({ type: 1 }, generateKeyPairSync("ed25519").privateKey)).status).toBe(401);
    const ask = await discord(chatInputPayload("ask", { question: "who makes the H100?" }));
    expect(ask.body.type).toBe(4);
    expect(ask.body.data.embeds.length).toBe(1);
    expect(ask.body.data.allowed_mentions.parse).toEqual([]);

    expect(fake.replies()).toEqual([]);
    main.kill("SIGTERM");
    expect((await main.exited).code).toBe(0);
    for (const file of readdirSync(dir).filter((f) => f.includes(".db"))) {
      expect(readFileSync(join(dir, file)).includes(Buffer.from(ws.botToken))).toBe(false);
    }
    // debug-level logs of the whole run: no token, no secret, no key
    for (const secret of [ws.botToken, fake.oauthClient.secret, TEST_STATE_SECRET, TEST_TOKEN_KEY, TEST_SIGNING_SECRET]) expect(main.output).not.toContain(secret);
  });
});

