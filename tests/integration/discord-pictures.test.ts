// Timeline pictures through a real discord.js Client (no login) against the local fake API, with the real core, SQLite
// and the real chart worker: the text reply first (a slash command's interaction callback, a mention's channel
// message), then exactly one edit of that reply carrying the PNG as multipart `files[0]`, shown by its embed
// (attachment://timeline.png) and described by the alt text. A refused edit is logged and the text reply stands.
import { PNG } from "pngjs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BOT_USER, FakeDiscordApi, type RecordedRequest } from "../helpers/discord-fake-api.js";
import { startHarness, tempDbFile, type Harness } from "../helpers/discord-harness.js";
import { APP_ID, CHANNEL_ID, chatInputPayload, messagePayload } from "../helpers/discord-interactions.js";

const MENTION = `<@${BOT_USER.id}>`;

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

/** The edit carries one file, timeline.png: a PNG at least 800 px wide, shown by the first embed, described by the alt text. */
function expectPictureEdit(edit: RecordedRequest, headline: RegExp): void {
  expect(edit.files?.map((f) => f.field)).toEqual(["files[0]"]);
  const file = edit.files![0]!;
  expect(file.name).toBe("timeline.png");
  const png = PNG.sync.read(file.bytes);
  expect(png.width).toBeGreaterThanOrEqual(800);
  expect(png.height).toBeGreaterThan(200);
  const body = edit.body as { embeds: { title?: string; image?: { url: string } }[]; attachments: { id: string; description?: string }[]; allowed_mentions: unknown };
  expect(body.embeds[0]!.image).toEqual({ url: "attachment://timeline.png" });
  expect(body.embeds[0]!.title).toMatch(headline);
  expect(body.attachments).toEqual([expect.objectContaining({ id: "0", description: expect.stringMatching(/^Timeline chart\. /) })]);
  expect(body.allowed_mentions).toEqual({ parse: [] });
}

const order = () => api.requests.map((r) => `${r.method} ${r.path.replace(/\d{6,}|tok_\d+/g, ":id")}`);

describe("Discord: a timeline answer's picture", { timeout: 60_000 }, () => {
  it("a slash command's reply goes out first, then one edit of that reply attaches the picture", async () => {
    const raw = chatInputPayload("timeline", { subject: "anthropic" });
    await h.interact(raw);
    expect(order()).toEqual(["POST /interactions/:id/:id/callback", "PATCH /webhooks/:id/:id/messages/@original"]);
    expect((api.callbacks()[0]!.body as { type: number }).type).toBe(4);
    const [edit] = api.edits();
    expect(edit!.path).toBe(`/webhooks/${APP_ID}/${raw.token}/messages/@original`);
    expectPictureEdit(edit!, /^Timeline: Anthropic/);
  });

  it("a mention's reply is posted first, then edited once to carry the picture", async () => {
    await h.message(messagePayload(`${MENTION} timeline amd`));
    const [reply, ...more] = api.channelMessages(CHANNEL_ID);
    expect(more).toHaveLength(0);
    expect(order()).toEqual(["POST /channels/:id/messages", "PATCH /channels/:id/messages/:id"]);
    const [edit] = api.edits();
    expect(edit!.path).toMatch(new RegExp(`^/channels/${CHANNEL_ID}/messages/\\d+$`));
    // the edit keeps the reply's text: the same embed, now with the image
    const { image: _image, ...embed } = (edit!.body as { embeds: Record<string, unknown>[] }).embeds[0]!;
    expect(embed).toEqual((reply!.body as { embeds: Record<string, unknown>[] }).embeds[0]);
    expectPictureEdit(edit!, /^Timeline/);
  });

  it("an answer that is not a timeline gets no picture", async () => {
    await h.interact(chatInputPayload("ask", { question: "who makes trainium?" }));
    expect(api.edits()).toHaveLength(0);
  });

  it("an edit Discord refuses (no Attach Files) is tried once, and the text reply stands", async () => {
    api.respond((r) => (r.method === "PATCH" ? { status: 403, body: { message: "Missing Permissions", code: 50013 } } : undefined));
    await h.message(messagePayload(`${MENTION} timeline amd`));
    expect(api.channelMessages(CHANNEL_ID)).toHaveLength(1);
    expect(api.edits()).toHaveLength(1);
  });
});
