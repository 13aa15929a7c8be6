// The digest's Discord poster against the local fake API: success, 429 with Retry-After, dead channels, 5xx and network failures.
import { describe, expect, it } from "vitest";
import { createDiscordPoster } from "../../src/adapters/discord/poster.js";
import type { ChannelKey } from "../../src/storage/types.js";
import { FIXTURES } from "../helpers/discord-answer-fixtures.js";
import { FakeDiscordApi, useFakeDiscordApi } from "../helpers/discord-fake-api.js";

const key = (channel: string): ChannelKey => ({ platform: "discord", workspace: "800000000000000001", channel });
const api = useFakeDiscordApi();

describe("DiscordPoster (digest) over REST", () => {
  it("posts the rendered digest to the channel with allowed_mentions that allow nothing and the bot token", async () => {
    const poster = createDiscordPoster({ DISCORD_TOKEN: "test-token", DISCORD_API_URL: api.url });
    const outcome = await poster.post(key("810000000000000001"), { ...FIXTURES.digest, headline: "@everyone digest <@&1234567890123456>" });
    expect(outcome.ok).toBe(true);
    expect(outcome.ok && outcome.messageId).toMatch(/^\d+$/);
    const [req] = api.channelMessages("810000000000000001");
    expect(req!.headers.authorization).toBe("Bot test-token");
    expect(req!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(req!.body.embeds[0].fields.map((f: { name: string }) => f.name)).toContain("On this day");
    expect(JSON.stringify(req!.body)).not.toMatch(/@everyone|<@&\d+>/);
    expect(req!.body.flags).toBeUndefined();
  });

  it("maps 429 to rate_limited with the server's Retry-After, without waiting or retrying", async () => {
    api.respond((r) => (r.path.startsWith("/channels/") ? { status: 429, headers: { "retry-after": "7" }, body: { message: "You are being rate limited.", retry_after: 7, global: false } } : undefined));
    const poster = createDiscordPoster({ DISCORD_TOKEN: "t", DISCORD_API_URL: api.url });
    const outcome = await poster.post(key("810000000000000002"), FIXTURES.digest);
    expect(outcome).toMatchObject({ ok: false, kind: "rate_limited", retryAfterMs: 7000 });
    expect(api.channelMessages()).toHaveLength(1);
  });

  it("maps 404 Unknown Channel, 403 Missing Access and Missing Permissions to dead_channel", async () => {
    const errors: Record<string, { status: number; code: number; message: string }> = {
      "810000000000000003": { status: 404, code: 10003, message: "Unknown Channel" },
      "810000000000000004": { status: 403, code: 50001, message: "Missing Access" },
      "810000000000000005": { status: 403, code: 50013, message: "Missing Permissions" },
    };
    api.respond((r) => {
      const e = errors[r.path.split("/")[2]!];
      return e ? { status: e.status, body: { message: e.message, code: e.code } } : undefined;
    });
    const poster = createDiscordPoster({ DISCORD_TOKEN: "t", DISCORD_API_URL: api.url });
    for (const channel of Object.keys(errors)) {
      const outcome = await poster.post(key(channel), FIXTURES.digest);
      expect(outcome).toMatchObject({ ok: false, kind: "dead_channel" });
      expect(!outcome.ok && outcome.detail).toContain(String(errors[channel]!.code));
    }
  });

  it("maps 5xx to unknown (Discord may have created the message), a refused connection to transient, other 4xx to permanent", async () => {
    api.respond((r) => (r.path === "/channels/810000000000000006/messages" ? { status: 502, body: { message: "Bad Gateway", code: 0 } } : undefined));
    api.respond((r) => (r.path === "/channels/810000000000000007/messages" ? { status: 400, body: { message: "Invalid Form Body", code: 50035 } } : undefined));
    const poster = createDiscordPoster({ DISCORD_TOKEN: "t", DISCORD_API_URL: api.url });
    expect(await poster.post(key("810000000000000006"), FIXTURES.digest)).toMatchObject({ ok: false, kind: "unknown" });
    expect(await poster.post(key("810000000000000007"), FIXTURES.digest)).toMatchObject({ ok: false, kind: "permanent" });
    const closed = new FakeDiscordApi();
    await closed.start();
    await closed.stop(); // nothing listens there any more
    const offline = createDiscordPoster({ DISCORD_TOKEN: "t", DISCORD_API_URL: closed.url });
    expect(await offline.post(key("810000000000000008"), FIXTURES.digest)).toMatchObject({ ok: false, kind: "transient" });
  });

  it("a digest carries its nonce with enforce_nonce: a second post of the same day returns the first message", async () => {
    const poster = createDiscordPoster({ DISCORD_TOKEN: "t", DISCORD_API_URL: api.url });
    const mark = { localDate: "2026-11-27", scheduledFor: new Date(Date.now() - 60_000) };
    const first = await poster.post(key("810000000000000010"), FIXTURES.digest, mark);
    const again = await poster.post(key("810000000000000010"), FIXTURES.digest, mark);
    expect(first.ok && again.ok && again.messageId).toBe(first.ok ? first.messageId : "x");
    expect(api.messagesIn("810000000000000010")).toHaveLength(1);
    const [req] = api.channelMessages("810000000000000010");
    expect(req!.body).toMatchObject({ enforce_nonce: true });
    expect(String(req!.body.nonce).length).toBeLessThanOrEqual(25);
    // another day, or another channel: another nonce
    await poster.post(key("810000000000000010"), FIXTURES.digest, { ...mark, localDate: "2026-11-28" });
    expect(api.messagesIn("810000000000000010")).toHaveLength(2);
  });

  it("a post answered after the timeout is unknown; findPosted finds the bot's digest since it was due, not replies", async () => {
    const poster = createDiscordPoster({ DISCORD_TOKEN: "t", DISCORD_API_URL: api.url }, 200);
    const mark = { localDate: "2026-11-27", scheduledFor: new Date(Date.now() - 60_000) };
    const channel = "810000000000000011";
    expect(await poster.findPosted(key(channel), mark)).toEqual({ found: false });
    // a reply of the bot's in the channel is not the digest
    await poster.post(key(channel), FIXTURES.digest).then(() => undefined);
    api.messages[0]!.message.message_reference = { message_id: "1" };
    expect(await poster.findPosted(key(channel), mark)).toEqual({ found: false });
    api.postDelayMs = 600;
    expect(await poster.post(key(channel), FIXTURES.digest, mark)).toMatchObject({ ok: false, kind: "unknown" });
    api.postDelayMs = 0;
    const found = await poster.findPosted(key(channel), mark);
    expect(found).toEqual({ found: true, messageId: api.messages[1]!.id });
    expect(await poster.findPosted(key(channel), { ...mark, scheduledFor: new Date(Date.now() + 120_000) })).toEqual({ found: false });
  });
});
