// Per-user and per-channel limits before the core runs, kept in storage (so they hold across restarts and shards).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RATE_LIMITED_TEXT } from "../../src/app/ratelimit.js";
import { BOT_USER, useFakeDiscordApi } from "../helpers/discord-fake-api.js";
import { startHarness, tempDbFile, type Harness } from "../helpers/discord-harness.js";
import { ALICE, buttonPayload, chatInputPayload, messagePayload, OTHER_CHANNEL_ID, user } from "../helpers/discord-interactions.js";

const api = useFakeDiscordApi();
let db: ReturnType<typeof tempDbFile>;
const open: Harness[] = [];
const start = async (env: Record<string, string>) => {
  const h = await startHarness(api, db.file, { env });
  open.push(h);
  return h;
};

beforeEach(() => {
  db = tempDbFile();
});
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
  db.cleanup();
});

describe("rate limits", () => {
  it("a user over RATE_USER_PER_MINUTE gets a short ephemeral notice instead of an answer, also after a restart", async () => {
    const a = await start({ RATE_USER_PER_MINUTE: "2" });
    for (let i = 0; i < 3; i++) await a.interact(chatInputPayload("about", { entity: "anthropic" }));
    const bodies = api.callbacks().map((c) => c.body);
    expect(bodies.slice(0, 2).every((b) => b.data.embeds.length === 1)).toBe(true);
    expect(bodies[2]).toMatchObject({ type: 4, data: { flags: 64, content: RATE_LIMITED_TEXT, embeds: [] } });
    // another user is not affected
    await a.interact(chatInputPayload("about", { entity: "anthropic" }, { user: user("700000000000000042", "Bob") }));
    expect(api.callbacks()[3]!.body.data.embeds).toHaveLength(1);

    await a.close();
    open.splice(0);
    api.reset();
    const b = await start({ RATE_USER_PER_MINUTE: "2" });
    await b.interact(chatInputPayload("about", { entity: "anthropic" }, { user: ALICE }));
    expect(api.callbacks()[0]!.body.data.content).toBe(RATE_LIMITED_TEXT);
  });

  it("mentions over the limit get one notice per minute, then silence", async () => {
    const h = await start({ RATE_USER_PER_MINUTE: "1" });
    for (let i = 0; i < 4; i++) await h.message(messagePayload(`<@${BOT_USER.id}> about anthropic`));
    const posts = api.channelMessages().map((p) => p.body);
    expect(posts).toHaveLength(2);
    expect(posts[0].embeds).toHaveLength(1);
    expect(posts[1]).toMatchObject({ content: RATE_LIMITED_TEXT, allowed_mentions: { parse: [] } });
    expect(posts[1].flags ?? 0).toBe(0);
  });

  it("Show more spends the same budget: over it, an ephemeral notice instead of an update", async () => {
    const h = await start({ RATE_USER_PER_MINUTE: "2" });
    await h.interact(chatInputPayload("timeline", { subject: "anthropic" }));
    const more = (api.callbacks()[0]!.body.data.components as { components: { custom_id: string }[] }[]).flatMap((r) => r.components).find((b) => b.custom_id.startsWith("aistack:more:"));
    expect(more).toBeDefined();
    for (let i = 0; i < 2; i++) await h.interact(buttonPayload(more!.custom_id));
    const [page, limited] = api.callbacks().slice(1).map((c) => c.body);
    expect(page.type).toBe(7);
    expect(limited).toMatchObject({ type: 4, data: { flags: 64, content: RATE_LIMITED_TEXT } });
  });

  it("a channel over RATE_CHANNEL_PER_MINUTE is limited for everyone in it, other channels are not", async () => {
    const h = await start({ RATE_CHANNEL_PER_MINUTE: "2" });
    for (let i = 0; i < 3; i++) await h.interact(chatInputPayload("help", {}, { user: user(`70000000000000010${i}`, `U${i}`) }));
    expect(api.callbacks().map((c) => c.body.data.content ?? null)).toEqual([null, null, RATE_LIMITED_TEXT]);
    await h.interact(chatInputPayload("help", {}, { channelId: OTHER_CHANNEL_ID }));
    expect(api.callbacks()[3]!.body.data.embeds).toHaveLength(1);
  });
});
