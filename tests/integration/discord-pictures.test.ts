// Timeline pictures through a real discord.js Client (no login) against the local fake API, with the real core, SQLite
// and the real chart worker: the text reply first (a slash command's interaction callback, a mention's channel
// message), then exactly one edit of that reply carrying the PNG as multipart `files[0]`, shown by its embed
// (attachment://timeline.png) and described by the alt text. A refused edit is logged with its code and the text reply stands.
import { createRequire } from "node:module";
import { Writable } from "node:stream";
import { PNG } from "pngjs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { builtChartWorkerScript } from "../helpers/app-command.js";
import { BOT_USER, FakeDiscordApi, type RecordedRequest } from "../helpers/discord-fake-api.js";
import { startHarness, tempDbFile, type Harness } from "../helpers/discord-harness.js";
import { ChartWorker } from "../../src/chart/worker-client.js";
import { createLogger } from "../../src/log.js";
import { APP_ID, buttonPayload, CHANNEL_ID, chatInputPayload, messagePayload } from "../helpers/discord-interactions.js";

const MENTION = `<@${BOT_USER.id}>`;

const api = new FakeDiscordApi();
// one chart thread (the compiled build's worker script) for the file's harnesses (each test still gets its own client, pipeline and database)
const chartWorker = new ChartWorker(builtChartWorkerScript());
let h: Harness;
let db: ReturnType<typeof tempDbFile>;
let logs: Record<string, unknown>[] = [];
const pictureLogs = () => logs.filter((l) => typeof l.msg === "string" && l.msg.startsWith("picture"));

beforeAll(async () => {
  await api.start();
});
afterAll(async () => {
  await chartWorker.close();
  await api.stop();
});
beforeEach(async () => {
  api.reset();
  db = tempDbFile();
  logs = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  h = await startHarness(api, db.file, { logger: createLogger("info", sink), chartWorker });
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
    expect(pictureLogs()).toEqual([expect.objectContaining({ msg: "picture sent", platform: "discord", via: "command", command: "timeline" })]);
    expect(order()).toEqual(["POST /interactions/:id/:id/callback", "PATCH /webhooks/:id/:id/messages/@original"]);
    expect((api.callbacks()[0]!.body as { type: number }).type).toBe(4);
    const [edit] = api.edits();
    expect(edit!.path).toBe(`/webhooks/${APP_ID}/${raw.token}/messages/@original`);
    expectPictureEdit(edit!, /^Timeline: Anthropic/);
  });

  it("a mention's reply is posted first, then edited once to carry the picture", async () => {
    await h.message(messagePayload(`${MENTION} timeline amd`));
    expect(pictureLogs()).toEqual([expect.objectContaining({ msg: "picture sent", via: "mention" })]);
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
    expect(pictureLogs()).toEqual([]);
  });

  it("an edit Discord refuses (no Attach Files) is tried once, and the text reply stands", async () => {
    api.respond((r) => (r.method === "PATCH" ? { status: 403, body: { message: "Missing Permissions", code: 50013 } } : undefined));
    await h.message(messagePayload(`${MENTION} timeline amd`));
    expect(api.channelMessages(CHANNEL_ID)).toHaveLength(1);
    expect(api.edits()).toHaveLength(1);
    expect(pictureLogs()).toEqual([expect.objectContaining({ msg: "picture not sent; the text answer stands", code: 50013, status: 403 })]);
  });

  it("Share on a private timeline posts it for everyone, then edits that post to carry the picture", async () => {
    await h.interact(chatInputPayload("timeline", { subject: "amd" }));
    const data = (api.callbacks()[0]!.body as { data: { components: { components: { custom_id: string }[] }[] } }).data;
    const share = data.components.flatMap((r) => r.components.map((b) => b.custom_id)).find((id) => id.includes(":share:"))!;
    api.reset();
    logs.length = 0;
    const press = buttonPayload(share);
    await h.interact(press);
    expect(order()).toEqual(["POST /interactions/:id/:id/callback", "PATCH /webhooks/:id/:id/messages/@original"]);
    const reply = api.callbacks()[0]!.body as { type: number; data: { flags?: number } };
    expect(reply.type).toBe(4);
    expect((reply.data.flags ?? 0) & 64).toBe(0); // visible to everyone
    expect(api.edits()[0]!.path).toBe(`/webhooks/${APP_ID}/${press.token}/messages/@original`);
    expectPictureEdit(api.edits()[0]!, /^Timeline/);
    expect(pictureLogs()).toEqual([expect.objectContaining({ msg: "picture sent", via: "share" })]);
  });

  it("Show more on a message carrying the picture keeps it in the next page's embed", async () => {
    await h.interact(chatInputPayload("timeline", { subject: "anthropic" }));
    const data = (api.callbacks()[0]!.body as { data: { components: { components: { custom_id: string }[] }[] } }).data;
    const more = data.components.flatMap((r) => r.components.map((b) => b.custom_id)).find((id) => id.includes(":more:"))!;
    api.reset();
    const press = buttonPayload(more);
    // the message the button is on, as Discord sends it after the picture's edit
    press.message.attachments = [{ id: "1", filename: "timeline.png", size: 1000, url: "https://cdn.example/1/timeline.png", proxy_url: "https://cdn.example/1/timeline.png" }] as never[];
    await h.interact(press);
    const update = api.callbacks()[0]!.body as { type: number; data: { embeds: { image?: { url: string }; footer?: unknown }[] } };
    expect(update.type).toBe(7);
    expect(update.data.embeds[0]!.image).toEqual({ url: "attachment://timeline.png" });
    expect(api.edits()).toHaveLength(0); // the picture is not drawn again
  });
});

describe("Discord pictures beside another undici", { timeout: 60_000 }, () => {
  // Slack Socket Mode in the same process installs its undici (7) as the process-wide dispatcher; discord.js's REST
  // (undici 6) must keep its multipart upload on its own dispatcher, or the picture's edit fails.
  const socketModeUndici = createRequire(createRequire(import.meta.url).resolve("@slack/socket-mode"))("undici") as {
    Agent: new () => object; getGlobalDispatcher(): object; setGlobalDispatcher(d: object): void;
  };
  let before: object;
  beforeEach(() => {
    before = socketModeUndici.getGlobalDispatcher();
    socketModeUndici.setGlobalDispatcher(new socketModeUndici.Agent());
  });
  afterEach(() => socketModeUndici.setGlobalDispatcher(before));

  it("a slash command's timeline still gets its picture", async () => {
    await h.interact(chatInputPayload("timeline", { subject: "anthropic" }));
    expect(pictureLogs()).toEqual([expect.objectContaining({ msg: "picture sent", platform: "discord" })]);
    expectPictureEdit(api.edits()[0]!, /^Timeline: Anthropic/);
  });
});
