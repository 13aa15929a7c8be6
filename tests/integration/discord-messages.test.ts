// Mentions, DMs and quick answers through a real discord.js Client (no login) against the local fake API, with
// the real core and data and a real SQLite file: replies, no replies to bots, one reply per thread/chain,
// persistence across a restart, RESUME replays, mention injection and 429 on the reply.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GatewayIntentBits } from "discord.js";
import { clientOptions } from "../../src/adapters/discord/client.js";
import { DISCORD_LIMITS as L } from "../../src/adapters/discord/limits.js";
import { embedChars } from "../../src/adapters/discord/render.js";
import { BOT_USER, useFakeDiscordApi } from "../helpers/discord-fake-api.js";
import { startHarness, tempDbFile, type Harness } from "../helpers/discord-harness.js";
import {
  chatInputPayload, CHANNEL_ID, forgetMessages, GUILD_ID, messagePayload, MOD_ROLE_ID, OTHER_BOT, OTHER_CHANNEL_ID, PERMS_MANAGER, snowflake, THREAD_ID,
} from "../helpers/discord-interactions.js";

const api = useFakeDiscordApi();
const open: Harness[] = [];
let db: ReturnType<typeof tempDbFile>;

const start = async (quickAnswers = false) => {
  const h = await startHarness(api, db.file, { quickAnswers });
  open.push(h);
  return h;
};
const stop = async (h: Harness) => {
  open.splice(open.indexOf(h), 1);
  await h.close();
};

beforeEach(() => {
  db = tempDbFile();
});
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
  db.cleanup();
});

const QUESTION = "How much did Amazon invest in Anthropic?";
const MENTION = /@everyone|@here|<@[!&]?\d+>/;
const key = { platform: "discord" as const, workspace: GUILD_ID, channel: CHANNEL_ID };

/** Every reply the bot sent: a channel message that replies to `messageId`, never pings, fits the limits. */
function repliesTo(messageId: string) {
  return api.channelMessages().filter((r) => {
    const b = r.body;
    expect(b.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(embedChars(b.embeds ?? [])).toBeLessThanOrEqual(L.embedTotal);
    expect(JSON.stringify(b)).not.toMatch(MENTION);
    return b.message_reference?.message_id === messageId;
  });
}

async function turnOnQuickAnswers(h: Harness) {
  await h.interact(chatInputPayload("autoanswer", { mode: "on" }, { permissions: PERMS_MANAGER }));
  expect((await h.storage.getChannelSettings(key))?.autoanswer).toBe(true);
  api.reset();
}

describe("mentions and DMs", () => {
  it("@aistack <question> gets an embed reply to that message", async () => {
    const h = await start();
    const msg = messagePayload(`<@${BOT_USER.id}> ${QUESTION}`);
    await h.message(msg);
    const replies = repliesTo(msg.id);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.path).toBe(`/channels/${CHANNEL_ID}/messages`);
    expect(replies[0]!.headers.authorization).toBe("Bot test-token");
    const e = replies[0]!.body.embeds[0];
    expect(e.title).toMatch(/\$4 billion|Amazon/i);
    // public reply: feedback buttons, no Share (it is already in the channel), not ephemeral
    const ids = replies[0]!.body.components[0].components.map((b: any) => b.custom_id);
    expect(ids.map((id: string) => id.split(":")[1])).toEqual(["vote", "vote", "vote"]);
    expect(replies[0]!.body.flags ?? 0).toBe(0);
  });

  it("a bare mention answers with help; text commands work after the mention", async () => {
    const h = await start();
    const bare = messagePayload(`<@${BOT_USER.id}>`);
    await h.message(bare);
    expect(repliesTo(bare.id)[0]!.body.embeds[0].description).toMatch(/timeline/);
    const cmd = messagePayload(`<@${BOT_USER.id}> timeline trainium`);
    await h.message(cmd);
    expect(repliesTo(cmd.id)[0]!.body.embeds[0].title).toMatch(/Trainium/);
  });

  it("a DM gets a reply in the DM", async () => {
    const h = await start();
    const dm = messagePayload("when was trainium announced?", { guild: false });
    await h.message(dm);
    const replies = repliesTo(dm.id);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.path).toBe(`/channels/${dm.channel_id}/messages`);
    expect(replies[0]!.body.embeds[0].title).toMatch(/Trainium/i);
  });

  it("never answers a bot, including itself, even when mentioned or in a DM", async () => {
    const h = await start(true);
    await turnOnQuickAnswers(h);
    await h.message(messagePayload(`<@${BOT_USER.id}> ${QUESTION}`, { author: OTHER_BOT }));
    await h.message(messagePayload(QUESTION, { author: OTHER_BOT, guild: false }));
    await h.message(messagePayload(QUESTION, { author: OTHER_BOT }));
    await h.message(messagePayload(`<@${BOT_USER.id}> ${QUESTION}`, { author: { ...BOT_USER } }));
    expect(api.channelMessages()).toEqual([]);
  });

  it("mention-injection attempts never ping and do not reach the answer as text", async () => {
    const h = await start();
    const msg = messagePayload(`<@${BOT_USER.id}> @everyone @here <@&${MOD_ROLE_ID}> <@123456789012345678> ${QUESTION}`);
    await h.message(msg);
    const [reply] = repliesTo(msg.id); // repliesTo asserts allowed_mentions parse [] and no mention syntax
    expect(reply!.body.embeds[0].title).toMatch(/\$4 billion|Amazon/i);
  });

  it("autoanswer typed after a mention checks Manage Channels from the member's roles", async () => {
    const h = await start();
    await h.message(messagePayload(`<@${BOT_USER.id}> autoanswer on`));
    expect((await h.storage.getChannelSettings(key))?.autoanswer ?? false).toBe(false);
    await h.message(messagePayload(`<@${BOT_USER.id}> autoanswer on`, { roles: [MOD_ROLE_ID] }));
    expect((await h.storage.getChannelSettings(key))?.autoanswer).toBe(true);
  });
});

describe("quick answers", () => {
  it("ask for the Message Content intent only when configured", () => {
    const intents = (on: boolean) => clientOptions({ DISCORD_TOKEN: "t", DISCORD_API_URL: undefined, DISCORD_QUICK_ANSWERS: on }).intents as GatewayIntentBits[];
    expect(intents(false)).toEqual([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages]);
    expect(intents(true)).toContain(GatewayIntentBits.MessageContent);
    expect(clientOptions({ DISCORD_TOKEN: "t", DISCORD_API_URL: "http://127.0.0.1:1/api", DISCORD_QUICK_ANSWERS: false }).rest).toMatchObject({ api: "http://127.0.0.1:1/api", timeout: 10_000, retries: 2 });
    expect(clientOptions({ DISCORD_TOKEN: "t", DISCORD_API_URL: undefined, DISCORD_QUICK_ANSWERS: false }).allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it("stay quiet in a channel until turned on, then answer confident questions once per chain", async () => {
    const h = await start(true);
    const before = messagePayload(QUESTION);
    await h.message(before);
    expect(api.channelMessages()).toEqual([]);

    await turnOnQuickAnswers(h);
    const first = messagePayload(QUESTION);
    await h.message(first);
    const [reply] = repliesTo(first.id);
    expect(reply).toBeDefined();
    // a second question replying to the same message: same chain, no reply
    api.reset();
    await h.message(messagePayload("When was Trainium announced?", { replyTo: first.id }));
    expect(api.channelMessages()).toEqual([]);

    // chatter that is not a question gets nothing; other channels without the setting get nothing
    await h.message(messagePayload("lunch at noon?"));
    await h.message(messagePayload(QUESTION, { channelId: OTHER_CHANNEL_ID }));
    expect(api.channelMessages()).toEqual([]);

    // a new question in the channel is a new chain
    const again = messagePayload("When was Trainium announced?");
    await h.message(again);
    expect(repliesTo(again.id)).toHaveLength(1);
  });

  it("a reply to the bot's quick answer gets no second quick answer", async () => {
    const h = await start(true);
    await turnOnQuickAnswers(h);
    const first = messagePayload(QUESTION);
    let botMessageId = "";
    api.respond((r) => {
      if (r.method === "POST" && r.path === `/channels/${CHANNEL_ID}/messages`) {
        botMessageId = snowflake();
        return { status: 200, body: { id: botMessageId, channel_id: CHANNEL_ID, type: 19, author: BOT_USER, content: "", timestamp: new Date(0).toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [], components: [], pinned: false, flags: 0 } };
      }
      return undefined;
    });
    await h.message(first);
    expect(botMessageId).not.toBe("");
    await h.message(messagePayload("When was Trainium announced?", { replyTo: botMessageId }));
    expect(api.channelMessages()).toHaveLength(1);
  });

  it("answer once per thread", async () => {
    const h = await start(true);
    await turnOnQuickAnswers(h);
    await h.message(messagePayload(QUESTION, { channelId: THREAD_ID }));
    await h.message(messagePayload("When was Trainium announced?", { channelId: THREAD_ID }));
    const posted = api.channelMessages();
    expect(posted).toHaveLength(1);
    expect(posted[0]!.path).toBe(`/channels/${THREAD_ID}/messages`);
  });

  it("are off when DISCORD_QUICK_ANSWERS is not set, even with the channel setting on", async () => {
    const h = await start(false);
    await turnOnQuickAnswers(h);
    await h.message(messagePayload(QUESTION));
    expect(api.channelMessages()).toEqual([]);
  });

  it("the channel setting persists across a restart on the same SQLite file", async () => {
    const a = await start(true);
    await turnOnQuickAnswers(a);
    await stop(a);
    const b = await start(true);
    await b.interact(chatInputPayload("autoanswer", { mode: "status" }));
    expect(api.callbacks()[0]!.body.data.embeds[0].title).toMatch(/on/);
    const msg = messagePayload(QUESTION);
    await b.message(msg);
    expect(repliesTo(msg.id)).toHaveLength(1);
  });
});

describe("gateway RESUME replays", () => {
  it("the same message id delivered again gets no second reply, in the same process or after a restart", async () => {
    const a = await start(true);
    await turnOnQuickAnswers(a);
    const mention = messagePayload(`<@${BOT_USER.id}> ${QUESTION}`);
    const quick = messagePayload("When was Trainium announced?");
    const dm = messagePayload(QUESTION, { guild: false });
    for (const m of [mention, quick, dm]) await a.message(m);
    expect(api.channelMessages()).toHaveLength(3);

    // replay in the same process, with discord.js's own message cache emptied (it would otherwise hide the replay)
    forgetMessages(a.client);
    for (const m of [mention, quick, dm]) await a.message(m);
    expect(api.channelMessages()).toHaveLength(3);

    // replay after a restart (or on another shard) sharing the database
    await stop(a);
    const b = await start(true);
    for (const m of [mention, quick, dm]) await b.message(m);
    expect(api.channelMessages()).toHaveLength(3);
  });
});

describe("rate limits on replies", () => {
  it("a reply Discord creates but answers after the call timeout is created once: the client's retries carry the same enforced nonce", async () => {
    const h = await startHarness(api, db.file, { env: { PLATFORM_TIMEOUT_MS: "300" } });
    open.push(h);
    api.postDelayMs = 800;
    await h.message(messagePayload(`<@${BOT_USER.id}> ${QUESTION}`));
    const posts = api.channelMessages(CHANNEL_ID);
    expect(posts.length).toBeGreaterThan(1); // the client retried after its timeout…
    expect(new Set(posts.map((p) => p.body.nonce)).size).toBe(1);
    expect(posts[0]!.body.enforce_nonce).toBe(true);
    expect(api.messagesIn(CHANNEL_ID)).toHaveLength(1); // …and Discord created the reply once
  });

  it("a Retry-After past the cap is given up at once and reported, and holds up no other channel", async () => {
    const h = await start();
    api.respond((r) => (r.method === "POST" && r.path === `/channels/${CHANNEL_ID}/messages`
      ? { status: 429, headers: { "retry-after": "3600", "x-ratelimit-scope": "user" }, body: { message: "You are being rate limited.", retry_after: 3600, global: false } }
      : undefined));
    const t = Date.now();
    await h.message(messagePayload(`<@${BOT_USER.id}> ${QUESTION}`));
    await h.message(messagePayload(`<@${BOT_USER.id}> ${QUESTION}`, { channelId: OTHER_CHANNEL_ID }));
    expect(Date.now() - t).toBeLessThan(5_000);
    expect(api.messagesIn(OTHER_CHANNEL_ID)).toHaveLength(1);
    expect(api.messagesIn(CHANNEL_ID)).toHaveLength(0);
  });

  it("a 429 on the reply is retried after Retry-After by the client, and the user gets exactly one reply", async () => {
    const h = await start();
    let limited = 0;
    api.respond((r) => {
      if (r.method === "POST" && r.path.endsWith("/messages") && limited === 0) {
        limited++;
        return { status: 429, headers: { "retry-after": "0.05", "x-ratelimit-scope": "user" }, body: { message: "You are being rate limited.", retry_after: 0.05, global: false } };
      }
      return undefined;
    });
    const msg = messagePayload(`<@${BOT_USER.id}> ${QUESTION}`);
    await h.message(msg);
    expect(limited).toBe(1);
    const posts = api.channelMessages();
    expect(posts).toHaveLength(2); // the 429, then the retry
    expect(posts[0]!.body).toEqual(posts[1]!.body);
  });

  it("a 404 Unknown Channel on a reply is handled (logged), not thrown out of the client", async () => {
    const h = await start();
    api.respond((r) => (r.path.endsWith("/messages") ? { status: 404, body: { message: "Unknown Channel", code: 10003 } } : undefined));
    const msg = messagePayload(`<@${BOT_USER.id}> ${QUESTION}`);
    await h.message(msg);
    expect(api.channelMessages()).toHaveLength(1);
  });
});

