// Timeline pictures through the real Slack adapter (Bolt's HTTP receiver, signed requests, the real WebClient against
// the fake Web API, the real chart worker): the text answer first, then exactly one file shared beside it with
// files.uploadV2's three steps; a private slash-command reply offers Show as picture, which sends the picture to the
// asker's direct message; a failed upload is tried once and leaves the text answer alone.
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { ACTION_MORE, ACTION_PICTURE } from "../../src/adapters/slack/buttons.js";
import { PICTURE_SENT_PRIVATELY_TEXT } from "../../src/adapters/slack/picture.js";
import { ACTION_SHARE, PICTURE_LABEL, type SlackMessage } from "../../src/adapters/slack/render.js";
import type { FakeFile } from "../helpers/slack-fake-api.js";
import { useSlackHarness } from "../helpers/slack-harness.js";

const h = useSlackHarness();

const methods = () => h.fake.calls.map((c) => c.method).filter((m) => m !== "users.info");
const UPLOAD_STEPS = ["files.getUploadURLExternal", "upload", "files.completeUploadExternal"];

/** A button of a reply, by action id. */
const buttonOf = (reply: SlackMessage, actionId: string) =>
  reply.blocks.flatMap((b) => (b.type === "actions" ? b.elements : [])).find((e) => "action_id" in e && e.action_id === actionId) as { value: string; text: { text: string } } | undefined;

function expectReadablePng(file: FakeFile, events: RegExp): void {
  const png = PNG.sync.read(file.bytes!);
  expect(png.width).toBeGreaterThanOrEqual(800);
  expect(png.height).toBeGreaterThan(200);
  expect(file.filename).toBe("timeline.png");
  expect(file.altText).toMatch(events);
}

describe("Slack: a timeline answer's picture", { timeout: 60_000 }, () => {
  it("a mention gets its text answer first, then one picture shared into the same thread", async () => {
    const ts = h.ts();
    await h.event({ type: "app_mention", channel: "C1", user: "U1", text: "<@UBOT> timeline anthropic", ts, event_ts: ts });
    expect(methods()).toEqual(["chat.postMessage", ...UPLOAD_STEPS]);
    const [file, ...more] = h.fake.sharedFiles();
    expect(more).toHaveLength(0);
    expect(file).toMatchObject({ channel: "C1", thread: ts, title: "Timeline: Anthropic" });
    expectReadablePng(file!, /^Timeline chart\. Timeline: Anthropic: 25 events/);
    // the text answer stands as the accessible fallback: its events are in the message as text
    const text = h.fake.callsOf("chat.postMessage")[0]!.args as unknown as SlackMessage;
    expect(text.blocks[0]).toMatchObject({ type: "header" });
    expect(JSON.stringify(text.blocks)).not.toContain(ACTION_PICTURE);
  });

  it("a question answered with a timeline in a direct message gets its picture there", async () => {
    const ts = h.ts();
    await h.event({ type: "message", channel: "D1", channel_type: "im", user: "U1", text: "what happened with amd?", ts, event_ts: ts });
    expect(methods()).toEqual(["chat.postMessage", ...UPLOAD_STEPS]);
    expect(h.fake.sharedFiles()).toEqual([expect.objectContaining({ channel: "D1", title: expect.stringMatching(/^Timeline/) })]);
    expect(h.fake.sharedFiles()[0]!.thread).toBeUndefined();
  });

  it("an answer that is not a timeline uploads nothing", async () => {
    const ts = h.ts();
    await h.event({ type: "app_mention", channel: "C1", user: "U1", text: "<@UBOT> who makes trainium?", ts, event_ts: ts });
    expect(methods()).toEqual(["chat.postMessage"]);
  });

  it("a refused upload is tried once (no retry) and the text answer stands", async () => {
    h.fake.failNext("files.completeUploadExternal", { kind: "error", error: "missing_scope" });
    const ts = h.ts();
    await h.event({ type: "app_mention", channel: "C1", user: "U1", text: "<@UBOT> timeline amd", ts, event_ts: ts });
    expect(methods()).toEqual(["chat.postMessage", ...UPLOAD_STEPS]);
    expect(h.fake.sharedFiles()).toHaveLength(0);
  });

  it("a slash command's private reply offers Show as picture; the press sends the picture to the asker's DM", async () => {
    const res = await h.command("timeline anthropic", { user: "U7", channel: "C1" });
    const reply = res.json<SlackMessage & { response_type: string }>();
    expect(reply.response_type).toBe("ephemeral");
    expect(methods()).toEqual([]);
    const button = buttonOf(reply, ACTION_PICTURE);
    expect(button).toMatchObject({ text: { text: PICTURE_LABEL } });

    await h.action(ACTION_PICTURE, button!.value, { user: "U7", channel: "C1", ephemeral: true });
    expect(methods()).toEqual(["conversations.open", ...UPLOAD_STEPS, "respond"]);
    expect(h.fake.callsOf("conversations.open")[0]!.args).toMatchObject({ users: "U7" });
    const [file] = h.fake.sharedFiles();
    expect(file).toMatchObject({ channel: "D7", title: "Timeline: Anthropic" });
    expectReadablePng(file!, /^Timeline chart\. Timeline: Anthropic/);
    expect(JSON.stringify(h.fake.callsOf("respond")[0]!.args)).toContain(PICTURE_SENT_PRIVATELY_TEXT);
  });

  it("Share on a private timeline reply posts it in the channel, and its picture follows it there", async () => {
    const reply = (await h.command("timeline amd", { user: "U7", channel: "C1" })).json<SlackMessage>();
    await h.action(ACTION_SHARE, buttonOf(reply, ACTION_SHARE)!.value, { user: "U7", channel: "C1", ephemeral: true });
    expect(methods()).toEqual(["respond", ...UPLOAD_STEPS]);
    expect(h.fake.callsOf("respond")[0]!.args).toMatchObject({ response_type: "in_channel" });
    expect(h.fake.sharedFiles()).toEqual([expect.objectContaining({ channel: "C1", title: expect.stringMatching(/^Timeline/) })]);
  });

  it("Show more on a private timeline reply: the next page still offers Show as picture", async () => {
    const reply = (await h.command("timeline anthropic", { user: "U7", channel: "C1" })).json<SlackMessage>();
    await h.action(ACTION_MORE, buttonOf(reply, ACTION_MORE)!.value, { user: "U7", channel: "C1", ephemeral: true });
    expect(methods()).toEqual(["respond"]);
    const page = h.fake.callsOf("respond")[0]!.args as unknown as SlackMessage & { replace_original: boolean };
    expect(page.replace_original).toBe(true);
    expect(buttonOf(page, ACTION_PICTURE)).toMatchObject({ value: buttonOf(reply, ACTION_PICTURE)!.value });
  });
});
