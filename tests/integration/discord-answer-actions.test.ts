// Show more and Suggest for the knowledge base through a real discord.js Client (no login) against the local fake
// API, with the real core, the real data and the pipeline, on SQLite and on a real Postgres database: Show more
// updates the message in place (callback type 7, UPDATE_MESSAGE) with the next page; Suggest records the refused
// question as unanswered; a redelivered interaction does either only once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DISCORD_LIMITS as L } from "../../src/adapters/discord/limits.js";
import { embedChars } from "../../src/adapters/discord/render.js";
import { FakeDiscordApi } from "../helpers/discord-fake-api.js";
import { startHarness, tempDbFile, type Harness } from "../helpers/discord-harness.js";
import { buttonPayload, chatInputPayload } from "../helpers/discord-interactions.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";

const api = new FakeDiscordApi();
beforeAll(async () => {
  await api.start();
});
afterAll(async () => {
  await api.stop();
});

function onlyCallback(raw: { id: string; token: string }): { type: number; data: any } {
  const calls = api.callbacks();
  expect(calls).toHaveLength(1);
  expect(calls[0]!.path).toBe(`/interactions/${raw.id}/${raw.token}/callback`);
  const body = calls[0]!.body as { type: number; data: any };
  expect(embedChars(body.data.embeds ?? [])).toBeLessThanOrEqual(L.embedTotal);
  expect(JSON.stringify(body.data)).not.toMatch(/@everyone|@here|<@[!&]?\d+>/);
  return body;
}

const buttonIds = (data: any): string[] => (data.components ?? []).flatMap((r: any) => r.components.map((b: any) => b.custom_id));

describe.each(["sqlite", "postgres"] as const)("on %s", (backend) => {
  let h: Harness;
  let file: ReturnType<typeof tempDbFile>;
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    file = tempDbFile();
    if (backend === "postgres") db = await createTestDatabase();
    h = await startHarness(api, file.file, db ? { databaseUrl: db.url } : {});
  });
  afterAll(async () => {
    await h?.close();
    await db?.drop();
    file.cleanup();
  });
  beforeEach(() => api.reset());

  async function command(sub: string, options: Record<string, string>) {
    const raw = chatInputPayload(sub, options);
    await h.interact(raw);
    const body = onlyCallback(raw);
    api.reset();
    return body;
  }
  const unanswered = async (question: string) => (await h.storage.feedbackReport()).unanswered.find((u) => u.question === question)?.count ?? 0;

  describe("Show more", () => {
    it("updates the message in place with each next page until the last, which has no Show more", async () => {
      const first = await command("timeline", { subject: "anthropic" });
      expect(first.data.embeds[0].description).toContain("another $4 billion");
      const pageField = (data: any) => data.embeds[0].fields.find((f: any) => /^Page \d+ of \d+$/.test(f.name))?.name as string | undefined;
      expect(pageField(first.data)).toMatch(/^Page 1 of \d+$/);
      const pageCount = Number(/of (\d+)/.exec(pageField(first.data)!)![1]);
      let more = buttonIds(first.data).find((id) => id.startsWith("aistack:more:"));
      expect(more).toMatch(/^aistack:more:[\w-]+:2$/);
      for (let page = 2; page <= pageCount; page++) {
        const raw = buttonPayload(more!);
        await h.interact(raw);
        const body = onlyCallback(raw);
        // 7 = UPDATE_MESSAGE: the message the button is on, edited in place
        expect(body.type).toBe(7);
        expect(pageField(body.data)).toBe(`Page ${page} of ${pageCount}`);
        expect(body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
        more = buttonIds(body.data).find((id) => id.startsWith("aistack:more:"));
        expect(Boolean(more)).toBe(page < pageCount);
        // the ephemeral reply keeps its Share button
        expect(buttonIds(body.data).some((id) => id.startsWith("aistack:share:"))).toBe(true);
        api.reset();
      }
    });

    it("a redelivered interaction (the same id) updates the message once", async () => {
      const first = await command("timeline", { subject: "anthropic" });
      const raw = buttonPayload(buttonIds(first.data).find((id) => id.startsWith("aistack:more:"))!);
      await h.interact(raw);
      await h.interact(raw);
      expect(onlyCallback(raw).type).toBe(7);
    });

    it("an unknown answer gets an ephemeral notice instead of an update", async () => {
      const raw = buttonPayload("aistack:more:nope:2");
      await h.interact(raw);
      const body = onlyCallback(raw);
      expect(body.type).toBe(4);
      expect(body.data.flags).toBe(64);
      expect(body.data.content).toMatch(/too old/);
    });
  });

  describe("Suggest for the knowledge base", () => {
    it("a refusal carries only Suggest; pressing it records the question as unanswered and thanks privately, once per press", async () => {
      const question = "how many employees does AMD have?";
      const refusal = await command("ask", { question });
      const ids = buttonIds(refusal.data);
      expect(ids).toHaveLength(1);
      expect(ids[0]).toMatch(/^aistack:suggest:/);
      const before = await unanswered(question);
      const raw = buttonPayload(ids[0]!);
      await h.interact(raw);
      await h.interact(raw); // redelivered: claimed already, nothing recorded or sent
      const body = onlyCallback(raw);
      expect(body.type).toBe(4);
      expect(body.data.flags).toBe(64);
      expect(body.data.content).toContain("is noted");
      expect(await unanswered(question)).toBe(before + 1);
    });
  });
});
