// startDiscord end to end: a real login against the fake REST API and fake gateway on 127.0.0.1 (never discord.com),
// a slash command and a DM arriving over the gateway, a dropped connection resumed with the DM replayed, and stop().
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GatewayIntentBits, IntentsBitField } from "discord.js";
import { startDiscord, type RunningDiscord } from "../../src/adapters/discord/index.js";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/log.js";
import { SqliteStorage } from "../../src/storage/sqlite/store.js";
import { BOT_USER, FakeDiscordApi } from "../helpers/discord-fake-api.js";
import { FakeDiscordGateway } from "../helpers/discord-fake-gateway.js";
import { realCore, tempDbFile } from "../helpers/discord-harness.js";
import { APP_ID, chatInputPayload, messagePayload } from "../helpers/discord-interactions.js";

const api = new FakeDiscordApi();
const gateway = new FakeDiscordGateway();
const db = tempDbFile();
let storage: SqliteStorage;
let running: RunningDiscord | undefined;

beforeAll(async () => {
  await api.start();
  await gateway.start();
  storage = new SqliteStorage(db.file);
});
afterAll(async () => {
  await running?.stop();
  await storage.close();
  await gateway.stop();
  await api.stop();
  db.cleanup();
});

const until = async (cond: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 400 && !(await cond()); i++) await new Promise((r) => setTimeout(r, 10));
  expect(await cond()).toBe(true);
};

describe("startDiscord against a local fake Discord", () => {
  it("logs in through DISCORD_API_URL, answers over the gateway, survives a RESUME without a second reply, and stops", async () => {
    api.respond((r) => (r.method === "GET" && r.path === "/gateway/bot" ? { status: 200, body: gateway.gatewayBot() } : undefined));
    const config = loadConfig({ DISCORD_TOKEN: "gateway-test-token", DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: api.url, LOG_LEVEL: "silent" });
    const identify = gateway.next(2);
    running = await startDiscord({ config, core: realCore, storage, logger: silentLogger(), clock: () => new Date("2025-07-01T12:00:00Z") });

    // IDENTIFY carried the token and only the non-privileged intents
    const id = await identify;
    expect(id.d.token).toBe("gateway-test-token");
    const intents = new IntentsBitField(id.d.intents);
    expect(intents.has(GatewayIntentBits.Guilds) && intents.has(GatewayIntentBits.GuildMessages) && intents.has(GatewayIntentBits.DirectMessages)).toBe(true);
    expect(intents.has(GatewayIntentBits.MessageContent)).toBe(false);
    expect(api.requests.find((r) => r.path === "/gateway/bot")!.headers.authorization).toBe("Bot gateway-test-token");
    await until(() => running!.ready());
    expect(running.client.user?.id).toBe(BOT_USER.id);

    // a slash command over the gateway → an interaction callback on the fake REST API
    const cmd = chatInputPayload("timeline", { subject: "trainium" });
    gateway.dispatch("INTERACTION_CREATE", cmd);
    await until(() => api.callbacks().length === 1);
    expect(api.callbacks()[0]!.path).toBe(`/interactions/${cmd.id}/${cmd.token}/callback`);
    expect(api.callbacks()[0]!.body).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });

    // a DM over the gateway → a reply in the DM
    const dm = messagePayload("when was trainium announced?", { guild: false });
    gateway.dispatch("MESSAGE_CREATE", dm);
    await until(() => api.channelMessages().length === 1);
    expect(api.channelMessages()[0]!.body.message_reference.message_id).toBe(dm.id);

    // the connection drops; the client resumes the session and Discord replays the DM: no second reply
    gateway.onResume = () => [{ t: "MESSAGE_CREATE", d: dm }];
    const resume = gateway.next(6);
    gateway.dropConnection();
    const r = await resume;
    expect(r.d).toMatchObject({ token: "gateway-test-token", session_id: gateway.sessionId });
    const later = messagePayload("about anthropic", { guild: false });
    gateway.dispatch("MESSAGE_CREATE", later);
    await until(() => api.channelMessages().length === 2);
    expect(api.channelMessages().map((m) => m.body.message_reference.message_id)).toEqual([dm.id, later.id]);

    await running.stop();
    expect(await running.ready()).toBe(false);
    running = undefined;
  });
});
