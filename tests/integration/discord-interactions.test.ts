// /aistack subcommands, autocomplete and buttons through a real discord.js Client (no login) against the local
// fake API, with the real core on the real data and real SQLite storage. Assertions are on what the fake receives.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CORE_COMMANDS } from "../../src/core/commands/registry.js";
import { DISCORD_LIMITS as L } from "../../src/adapters/discord/limits.js";
import { embedChars } from "../../src/adapters/discord/render.js";
import { FakeDiscordApi } from "../helpers/discord-fake-api.js";
import { startHarness, tempDbFile, type Harness } from "../helpers/discord-harness.js";
import { ALICE, autocompletePayload, buttonPayload, chatInputPayload, CHANNEL_ID, GUILD_ID, MALLORY, PERMS_MANAGER, PERMS_MEMBER, THREAD_ID } from "../helpers/discord-interactions.js";

const api = new FakeDiscordApi();
let h: Harness;
let db: ReturnType<typeof tempDbFile>;

beforeAll(async () => {
  await api.start();
});
afterAll(async () => {
  await api.stop();
});
beforeEach(async () => {
  api.reset();
  db = tempDbFile();
  h = await startHarness(api, db.file);
});
afterEach(async () => {
  await h.close();
  db.cleanup();
});

const MENTION = /@everyone|@here|<@[!&]?\d+>/;

/** The one callback an interaction produced: its URL names that interaction, and it obeys every limit and never pings. */
function onlyCallback(raw: { id: string; token: string }): { type: number; data: any } {
  const calls = api.callbacks();
  expect(calls).toHaveLength(1);
  const call = calls[0]!;
  expect(call.path).toBe(`/interactions/${raw.id}/${raw.token}/callback`);
  expect(call.headers.authorization).toBeUndefined(); // interaction callbacks are authenticated by their token
  const body = call.body as { type: number; data: any };
  if (body.type === 4) {
    expect(body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect((body.data.content ?? "").length).toBeLessThanOrEqual(L.content);
    expect(embedChars(body.data.embeds ?? [])).toBeLessThanOrEqual(L.embedTotal);
    expect(JSON.stringify(body.data)).not.toMatch(MENTION);
  }
  return body;
}

const buttonIds = (data: any): string[] => (data.components ?? []).flatMap((r: any) => r.components.map((b: any) => b.custom_id));

async function ask(sub: string, options: Record<string, string> = {}, where = {}) {
  const raw = chatInputPayload(sub, options, where);
  await h.interact(raw);
  return { raw, body: onlyCallback(raw) };
}

describe("/aistack subcommands", () => {
  const cases: [string, Record<string, string>][] = [
    ["ask", { question: "When was Trainium announced?" }],
    ["timeline", { subject: "trainium" }],
    ["about", { entity: "anthropic" }],
    ["compare", { a: "trainium", b: "tpu" }],
    ["sources", {}],
    ["help", {}],
  ];
  it("covers every core command of the registry", () => {
    expect(cases.map(([n]) => n).sort()).toEqual(CORE_COMMANDS.map((c) => c.spec.name).sort());
  });
  for (const [sub, options] of cases) {
    it(`/aistack ${sub} replies at once (type 4), ephemeral, as an embed within limits`, async () => {
      const { body } = await ask(sub, options);
      expect(body.type).toBe(4);
      expect(body.data.flags).toBe(64);
      expect(body.data.embeds).toHaveLength(1);
      const e = body.data.embeds[0];
      expect(e.title.length).toBeGreaterThan(0);
      expect(e.title.length).toBeLessThanOrEqual(L.embedTitle);
      if (sub === "help") {
        expect(body.data.components).toEqual([]);
        expect(e.description).toContain("timeline");
      } else {
        const ids = buttonIds(body.data);
        expect(ids[0]).toMatch(/^aistack:share:[\w-]+$/);
        expect(ids.slice(1).map((id) => id.split(":")[2])).toEqual(["helpful", "not_helpful", "wrong"]);
        expect(ids.every((id) => id.length <= L.customId)).toBe(true);
      }
      if (sub === "timeline") expect(e.description ?? "").toMatch(/\*\*(\d{1,2} \w{3} \d{4}|\w{3} \d{4}|Q\d \d{4}|H\d \d{4}|\d{4}|(early|late) \d{4}|mid-\d{4})[^*]*\*\*/);
      if (sub === "sources" || sub === "ask") expect(JSON.stringify(e)).toMatch(/Sources|source/i);
      if (sub === "compare") expect(e.fields.filter((f: any) => f.inline).length).toBeGreaterThanOrEqual(2);
    });
  }

  it("answers in a DM too", async () => {
    const { body } = await ask("about", { entity: "trainium" }, { guild: false });
    expect(body.type).toBe(4);
    expect(body.data.embeds[0].title).toMatch(/Trainium/i);
  });

  it("does not ping when the question tries to inject mentions", async () => {
    const { body } = await ask("ask", { question: "@everyone @here <@&800000000000000030> <@123456789012345678> when was trainium announced?" });
    expect(body.type).toBe(4); // onlyCallback already checked no mention survives and allowed_mentions parse []
  });

  it("routes the app-scope digest command to the app layer (an ephemeral reply, never an unknown command)", async () => {
    const { body } = await ask("digest", { action: "status" }, { permissions: PERMS_MANAGER });
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds[0].title).not.toMatch(/not available|unknown/i);
  });

  it("a handler failure still gets an ephemeral first response, never 'interaction failed'", async () => {
    await h.close();
    h = await startHarness(api, db.file, {
      core: () => {
        throw new Error("boom");
      },
    });
    const { body } = await ask("about", { entity: "anthropic" });
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.content).toMatch(/something went wrong/i);
  });
});

describe("/aistack autoanswer: Manage Channels checked at run time", () => {
  const key = { platform: "discord" as const, workspace: GUILD_ID, channel: CHANNEL_ID };

  it("refuses members without Manage Channels and leaves the setting alone", async () => {
    const { body } = await ask("autoanswer", { mode: "on" }, { permissions: PERMS_MEMBER });
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds[0].title).toMatch(/permission/i);
    expect((await h.storage.getChannelSettings(key))?.autoanswer ?? false).toBe(false);
  });

  it("lets Manage Channels turn it on and off, and status reports it", async () => {
    await ask("autoanswer", { mode: "on" }, { permissions: PERMS_MANAGER });
    expect((await h.storage.getChannelSettings(key))).toMatchObject({ autoanswer: true, updatedBy: ALICE.id });
    api.reset();
    const status = await ask("autoanswer", { mode: "status" });
    expect(status.body.data.embeds[0].title).toMatch(/on/);
    api.reset();
    await ask("autoanswer", { mode: "off" }, { permissions: PERMS_MANAGER });
    expect((await h.storage.getChannelSettings(key))?.autoanswer).toBe(false);
  });

  it("in a thread, the setting belongs to the parent channel", async () => {
    await ask("autoanswer", { mode: "on" }, { permissions: PERMS_MANAGER, channelId: THREAD_ID });
    expect((await h.storage.getChannelSettings(key))?.autoanswer).toBe(true);
  });
});

describe("autocomplete", () => {
  const choicesOf = async (sub: string, option: string, value: string) => {
    const raw = autocompletePayload(sub, option, value);
    await h.interact(raw);
    const body = onlyCallback(raw);
    expect(body.type).toBe(8);
    const choices = body.data.choices as { name: string; value: string }[];
    expect(choices.length).toBeLessThanOrEqual(L.autocompleteChoices);
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(L.choiceName);
      expect(c.value.length).toBeGreaterThan(0);
      expect(c.value.length).toBeLessThanOrEqual(L.choiceValue);
    }
    api.reset();
    return choices;
  };

  it("suggests entities with typo tolerance ('tranium' → Trainium)", async () => {
    const choices = await choicesOf("about", "entity", "tranium");
    expect(choices.length).toBeGreaterThan(0);
    expect(choices[0]!.name).toMatch(/Trainium/i);
  });

  it("fills up to 25 choices for an empty entry, on every autocomplete option", async () => {
    for (const [sub, option] of [["ask", "question"], ["timeline", "subject"], ["about", "entity"], ["compare", "a"], ["compare", "b"]] as const) {
      const choices = await choicesOf(sub, option, "");
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(25);
    }
    expect((await choicesOf("ask", "question", "")).length).toBe(25);
  });

  it("stays within limits for long and odd input", async () => {
    await choicesOf("ask", "question", "how much ".repeat(30));
    await choicesOf("about", "entity", "@everyone <@&1>");
    await choicesOf("timeline", "subject", "2024");
  });
});

describe("buttons", () => {
  async function answerWithButtons() {
    const { body } = await ask("ask", { question: "How much did Amazon invest in Anthropic?" });
    const ids = buttonIds(body.data);
    api.reset();
    return { body, share: ids[0]!, helpful: ids[1]!, wrong: ids[3]! };
  }

  it("Share posts the same answer visibly in the channel, attributed to the user without a ping", async () => {
    const { body: first, share } = await answerWithButtons();
    const raw = buttonPayload(share, { user: MALLORY, nick: "@here Mallory <@123456789012345678>" });
    await h.interact(raw);
    const body = onlyCallback(raw);
    expect(body.type).toBe(4);
    expect(body.data.flags ?? 0).toBe(0); // visible to the channel
    expect(body.data.content).toMatch(/^Shared by /);
    expect(body.data.content).toContain("Mallory");
    expect(body.data.embeds[0].title).toBe(first.data.embeds[0].title);
    expect(buttonIds(body.data).some((id) => id.startsWith("aistack:share:"))).toBe(false);
    expect(buttonIds(body.data)).toHaveLength(3);
  });

  it("Share attributes by the server nickname, else the user's display name", async () => {
    const { share } = await answerWithButtons();
    const raw = buttonPayload(share, { user: ALICE });
    await h.interact(raw);
    expect(onlyCallback(raw).data.content).toBe("Shared by Alice");
  });

  it("Share echoes a nickname as plain text: no masked link, no bare link, no bidi override, no bold", async () => {
    const { share } = await answerWithButtons();
    const raw = buttonPayload(share, { user: MALLORY, nick: "[Official notice](https://evil.example) **Admin**\u202Etxt.exe" });
    await h.interact(raw);
    const content = onlyCallback(raw).data.content as string;
    expect(content).toContain("Official notice");
    expect(content).not.toMatch(/(^|[^\\])\[[^\]]*\]\(/); // an unescaped [text]( starts a masked link
    expect(content).not.toContain("https://");
    expect(content).not.toMatch(/(^|[^\\])\*\*/);
    expect(content).not.toMatch(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
  });

  it("feedback is recorded against the answer's records and acknowledged ephemerally", async () => {
    const { helpful, wrong } = await answerWithButtons();
    let raw = buttonPayload(wrong);
    await h.interact(raw);
    let body = onlyCallback(raw);
    expect(body.data.flags).toBe(64);
    expect(body.data.content).toMatch(/review/i);
    api.reset();
    raw = buttonPayload(helpful, { user: MALLORY });
    await h.interact(raw);
    body = onlyCallback(raw);
    let report = (await h.storage.feedbackReport());
    expect(report.wrong.length).toBeGreaterThan(0);
    expect(report.wrong[0]!.questions[0]).toMatch(/Amazon invest/i);
    expect(Object.fromEntries(report.votes.map((v) => [v.vote, v.count]))).toEqual({ wrong: 1, helpful: 1 });
    // one vote per person and answer: the first voter changing their mind replaces their vote
    await h.interact(buttonPayload(helpful));
    report = await h.storage.feedbackReport();
    expect(Object.fromEntries(report.votes.map((v) => [v.vote, v.count]))).toEqual({ helpful: 2 });
  });

  it("an unknown or expired answer id gets an ephemeral notice, and records nothing", async () => {
    for (const id of ["aistack:share:nope", "aistack:vote:helpful:nope", "someone-else:button"]) {
      const raw = buttonPayload(id);
      await h.interact(raw);
      const body = onlyCallback(raw);
      expect(body.type).toBe(4);
      expect(body.data.flags).toBe(64);
      api.reset();
    }
    expect((await h.storage.feedbackReport()).votes).toEqual([]);
  });
});

