// POST /discord/interactions on a real HTTP server (the health server main starts when Slack is off), signed with a
// test Ed25519 key pair whose public key is DISCORD_PUBLIC_KEY: PING, a command, autocomplete and buttons through the
// real pipeline and core on a real SQLite file; bad, missing and replayed signatures refused before any work.
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHealthServer } from "../../src/app/health.js";
import type { AppDeps } from "../../src/app/deps.js";
import { createPipeline } from "../../src/app/pipeline.js";
import { discordInteractions, type InteractionsEndpoint } from "../../src/adapters/discord/http/interactions.js";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/log.js";
import { SqliteStorage } from "../../src/storage/sqlite/store.js";
import { FakeDiscordApi } from "../helpers/discord-fake-api.js";
import { realCore, tempDbFile } from "../helpers/discord-harness.js";
import { autocompletePayload, buttonPayload, chatInputPayload, CHANNEL_ID, GUILD_ID, MALLORY, PERMS_MANAGER } from "../helpers/discord-interactions.js";

const keys = generateKeyPairSync("ed25519");
const publicKeyHex = (key: KeyObject) => Buffer.from(key.export({ format: "jwk" }).x!, "base64url").toString("hex");
const other = generateKeyPairSync("ed25519");

interface Sent {
  status: number;
  body: any;
}

describe("Discord HTTP interactions", () => {
  let server: Server;
  let url = "";
  let endpoint: InteractionsEndpoint;
  let slowEndpoint: InteractionsEndpoint;
  let storage: SqliteStorage;
  let db: ReturnType<typeof tempDbFile>;
  const api = new FakeDiscordApi();
  /** while above 0, every storage call waits this long first (a slow database) */
  let storageDelayMs = 0;

  beforeAll(async () => {
    await api.start();
    db = tempDbFile();
    const config = loadConfig({ DISCORD_PUBLIC_KEY: publicKeyHex(keys.publicKey), DISCORD_API_URL: api.url, LOG_LEVEL: "silent", RATE_USER_PER_MINUTE: "1000" });
    storage = new SqliteStorage(db.file, { busyTimeoutMs: config.SQLITE_BUSY_TIMEOUT_MS });
    const slowable = new Proxy(storage, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          const call = () => (value as (...a: unknown[]) => unknown).apply(target, args);
          return storageDelayMs > 0 ? new Promise((r) => setTimeout(r, storageDelayMs)).then(call) : call();
        };
      },
    });
    const deps: AppDeps = { config, core: realCore, storage: slowable, logger: silentLogger(), clock: () => new Date() };
    realCore();
    endpoint = discordInteractions(deps, createPipeline(deps));
    // a second endpoint on the same app whose deferral comes early, so a slow database needs no waiting for seconds
    slowEndpoint = discordInteractions(deps, createPipeline(deps), { deferAfterMs: 50 });
    api.respond((r) => (r.path.startsWith("/webhooks/") ? { status: 200, body: { id: "1300000000000000999", channel_id: "1", content: "", embeds: [], components: [], flags: 64 } } : undefined));
    server = await startHealthServer(0, {}, [endpoint.route, { ...slowEndpoint.route, path: "/slow" }]);
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/discord/interactions`;
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await storage?.close();
    await api.stop();
    db?.cleanup();
  });

  async function post(payload: unknown, o: { key?: KeyObject; timestamp?: number; headers?: Record<string, string>; tamper?: boolean; path?: string } = {}): Promise<Sent> {
    const body = JSON.stringify(payload);
    const ts = String(o.timestamp ?? Math.floor(Date.now() / 1000));
    const signature = sign(null, Buffer.from(ts + body), o.key ?? keys.privateKey).toString("hex");
    const headers = o.headers ?? { "content-type": "application/json", "x-signature-ed25519": signature, "x-signature-timestamp": ts };
    const res = await fetch(o.path ? url.replace("/discord/interactions", o.path) : url, { method: "POST", headers, body: o.tamper ? body.replace("}", ',"x":1}') : body });
    const text = await res.text();
    await endpoint.idle();
    await slowEndpoint.idle();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  it("answers a signed PING with PONG", async () => {
    expect(await post({ type: 1, id: "1", application_id: "2", token: "t", version: 1 })).toEqual({ status: 200, body: { type: 1 } });
  });

  it("refuses a wrong, missing or altered signature and a replayed timestamp with 401, before any work", async () => {
    const ask = chatInputPayload("ask", { question: "who makes the H100?" });
    expect((await post({ type: 1 }, { key: other.privateKey })).status).toBe(401);
    expect((await post({ type: 1 }, { headers: { "content-type": "application/json" } })).status).toBe(401);
    expect((await post(ask, { tamper: true })).status).toBe(401);
    expect((await post(ask, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 })).status).toBe(401);
    expect((await post(ask, { timestamp: Math.floor(Date.now() / 1000) + 10 * 60 })).status).toBe(401);
    expect(api.requests).toHaveLength(0);
  });

  it("answers /aistack ask in the response: an ephemeral embed with buttons, and allowed_mentions allowing nothing", async () => {
    const res = await post(chatInputPayload("ask", { question: "who makes the H100?" }));
    expect(res.status).toBe(200);
    expect(res.body.type).toBe(4);
    expect(res.body.data.embeds[0].description ?? res.body.data.embeds[0].fields).toBeTruthy();
    expect(JSON.stringify(res.body.data.embeds)).toMatch(/nvidia/i);
    expect(res.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(res.body.data.flags).toBe(64);
    expect(res.body.data.components[0].components.map((c: { custom_id: string }) => c.custom_id)).toContainEqual(expect.stringMatching(/^aistack:share:/));
    expect(api.requests).toHaveLength(0); // the HTTP response was the reply
  });

  it("serves autocomplete with at most 25 choices", async () => {
    const res = await post(autocompletePayload("about", "entity", "nvid"));
    expect(res.body.type).toBe(8);
    expect(res.body.data.choices.length).toBeGreaterThan(0);
    expect(res.body.data.choices.length).toBeLessThanOrEqual(25);
    expect(res.body.data.choices.some((c: { name: string }) => /nvidia/i.test(c.name))).toBe(true);
  });

  it("Share posts the answer visibly, attributed without pinging; a vote is recorded with a private notice", async () => {
    const answered = await post(chatInputPayload("ask", { question: "who makes the H100?" }));
    const ids: string[] = answered.body.data.components[0].components.map((c: { custom_id: string }) => c.custom_id);
    const share = await post(buttonPayload(ids.find((id) => id.startsWith("aistack:share:"))!, { user: MALLORY }));
    expect(share.body.type).toBe(4);
    expect(share.body.data.flags).toBeUndefined();
    expect(share.body.data.content).toMatch(/^Shared by /);
    expect(share.body.data.content).not.toContain("@everyone");
    expect(share.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const vote = await post(buttonPayload(ids.find((id) => id.startsWith("aistack:vote:helpful:"))!));
    expect(vote.body.type).toBe(4);
    expect(vote.body.data.flags).toBe(64);
    expect(vote.body.data.embeds).toEqual([]);
  });

  it("a setting changed over HTTP uses the member permissions Discord sent", async () => {
    const key = { platform: "discord" as const, workspace: GUILD_ID, channel: CHANNEL_ID };
    expect((await post(chatInputPayload("autoanswer", { mode: "on" }))).body.type).toBe(4);
    expect((await storage.getChannelSettings(key))?.autoanswer ?? false).toBe(false);
    expect((await post(chatInputPayload("autoanswer", { mode: "on" }, { permissions: PERMS_MANAGER }))).body.type).toBe(4);
    expect((await storage.getChannelSettings(key))?.autoanswer).toBe(true);
  });

  it("when storage is slow, defers (ephemeral thinking…) and puts the answer in the original response through the webhook", async () => {
    api.requests.length = 0;
    storageDelayMs = 300;
    try {
      const raw = chatInputPayload("ask", { question: "who makes the H100?" });
      const res = await post(raw, { path: "/slow" });
      expect(res.body).toEqual({ type: 5, data: { flags: 64 } });
      const edits = api.requests.filter((r) => r.method === "PATCH");
      expect(edits.map((r) => decodeURIComponent(r.path))).toEqual([`/webhooks/${raw.application_id}/${raw.token}/messages/@original`]);
      expect(edits[0]!.body.embeds).toHaveLength(1);
      expect(edits[0]!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
      expect(edits[0]!.headers.authorization).toBeUndefined();
    } finally {
      storageDelayMs = 0;
    }
  });

  it("when storage is slow, a button press is acknowledged silently and its notice follows through the webhook", async () => {
    const answered = await post(chatInputPayload("ask", { question: "who makes the H100?" }));
    const voteId = (answered.body.data.components[0].components as { custom_id: string }[]).map((c) => c.custom_id).find((id) => id.startsWith("aistack:vote:wrong:"))!;
    api.requests.length = 0;
    storageDelayMs = 300;
    try {
      const raw = buttonPayload(voteId);
      const res = await post(raw, { path: "/slow" });
      expect(res.body).toEqual({ type: 6 });
      const followUps = api.requests.filter((r) => r.method === "POST");
      expect(followUps.map((r) => decodeURIComponent(r.path))).toEqual([`/webhooks/${raw.application_id}/${raw.token}`]);
      expect(followUps[0]!.body).toMatchObject({ flags: 64, allowed_mentions: { parse: [] } });
    } finally {
      storageDelayMs = 0;
    }
  });

  it("a button that is not aistack's gets a short notice", async () => {
    const res = await post(buttonPayload("somebody-else:thing"));
    expect(res.body).toMatchObject({ type: 4, data: { flags: 64 } });
  });
});
