// Timeline pictures in the pipeline, with the real chart worker, the real core on data/ and the memory backend: what a
// picture draws (the whole timeline up to CHART.maxEvents, captioned when cut), that it follows the text reply and
// never holds it up, that a failure leaves the text alone, the backlog, the worker's deadline, and Show as picture.
import { Writable } from "node:stream";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import { NO_PICTURE_TEXT, PICTURE_FAILED_TEXT } from "../../src/app/picture-action.js";
import { captionPicture, PICTURES, pictureAnswerFor, pictureArgs, Pictures, type AnswerPicture, type PictureRenderer } from "../../src/app/pictures.js";
import { createPipeline } from "../../src/app/pipeline.js";
import type { InboundRequest, ReplyOptions, ReplyPort, RequestInput } from "../../src/app/request.js";
import { TOO_OLD_TEXT } from "../../src/app/votes.js";
import { CHART } from "../../src/chart/config.js";
import { ChartWorker } from "../../src/chart/worker-client.js";
import { allItems, type Answer } from "../../src/core/answer.js";
import type { Core } from "../../src/core/types.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { MemoryStorage } from "../../src/storage/memory/store.js";
import { builtChartWorkerScript } from "../helpers/app-command.js";
import { shippedCore } from "../helpers/shipped-kb.js";

let core: Core | undefined;
const realCore = () => (core ??= shippedCore());
const now = new Date("2025-07-01T12:00:00Z");
const ctx = { now, timeZone: "UTC" };

const worker = new ChartWorker(builtChartWorkerScript());
afterAll(() => worker.close());

/** The real worker, whose renders wait for `open()` before they start (a busy renderer, held on purpose). */
function heldRenderer(): PictureRenderer & { open(): void; started: number } {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const held = {
    started: 0,
    open: () => open(),
    render: async (...args: Parameters<ChartWorker["render"]>) => {
      held.started++;
      await gate;
      return worker.render(...args);
    },
    close: async () => undefined,
  };
  return held;
}

function setup(opts: { renderer?: PictureRenderer; env?: Record<string, string> } = {}) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const deps = { config: loadConfig({ LOG_LEVEL: "info", ...opts.env }), core: realCore, storage: new MemoryStorage(), logger: createLogger("info", sink), clock: () => now };
  const pictures = new Pictures(deps, opts.renderer ?? { render: (...a) => worker.render(...a), close: async () => undefined });
  const pipeline = createPipeline(deps, { pictures });
  return { pipeline, pictures, logs: (msg: string) => lines.filter((l) => l.msg === msg) };
}

type Sent = { how: "answer" | "picture" | "notice"; answer?: Answer; opts?: ReplyOptions; picture?: AnswerPicture; text?: string };

/** A port that records, in order, what the pipeline sent; with picture() unless `attach` is false. */
function recordingPort(attach = true, failPicture = false) {
  const sent: Sent[] = [];
  const port: ReplyPort = {
    buttons: true,
    mustRespond: false,
    answer: async (answer, opts) => void sent.push({ how: "answer", answer, opts }),
    ...(attach
      ? {
          picture: async (picture: AnswerPicture) => {
            if (failPicture) throw Object.assign(new Error("upload refused"), { code: "slack_webapi_platform_error", data: { error: "missing_scope" } });
            sent.push({ how: "picture", picture });
          },
        }
      : {}),
    notice: async (text) => void sent.push({ how: "notice", text }),
    silent: async () => undefined,
  };
  return { port, sent };
}

let seq = 0;
const request = (input: RequestInput, via: InboundRequest["via"] = "mention"): InboundRequest => ({
  key: { platform: "slack", workspace: "T1", channel: "C1" },
  via,
  actor: { id: "U1", canManageChannel: false, isWorkspaceAdmin: false },
  rateSubject: { user: `T1:U${++seq}`, channel: "T1:C1" },
  input,
  delivery: { key: `delivery-${seq}`, ttlMs: 60_000 },
  receivedAt: Date.now(),
});

describe("what a timeline's picture draws", () => {
  it("the whole timeline up to CHART.maxEvents, newest first: every event of the text's page and the Nov 2024 deal", () => {
    const text = realCore().run("timeline", { subject: "anthropic" }, ctx);
    const drawn = pictureAnswerFor(realCore(), "timeline", { subject: "anthropic" }, ctx)!;
    const ids = allItems(drawn).map((i) => i.id);
    expect(ids).toHaveLength(CHART.maxEvents);
    for (const item of allItems(text)) expect(ids).toContain(item.id);
    expect(ids).toContain("amazon-anthropic-nov-2024-investment");
    // the caption says what it shows, out of how many
    expect(drawn.summary).toBe(`The newest 25 of ${text.paging!.total} dated events, from ${allItems(drawn)[0]!.date!.label} to 2025: a picture draws at most 25; the text answer lists all ${text.paging!.total}. Dates show their precision.`);
    expect(drawn.paging).toBeUndefined();
  });

  it("draws the same picture whatever page the text shows, and a timeline that fits keeps the core's caption", () => {
    const fromPage3 = pictureAnswerFor(realCore(), "timeline", { subject: "anthropic", page: "3" }, ctx)!;
    const fromTyped = pictureAnswerFor(realCore(), "timeline", { subject: "anthropic page 4" }, ctx)!;
    const first = pictureAnswerFor(realCore(), "timeline", { subject: "anthropic" }, ctx)!;
    expect(allItems(fromPage3).map((i) => i.id)).toEqual(allItems(first).map((i) => i.id));
    expect(allItems(fromTyped).map((i) => i.id)).toEqual(allItems(first).map((i) => i.id));
    // AMD's 14 events take two pages of text and fit one picture
    expect(realCore().run("timeline", { subject: "amd" }, ctx).paging?.pageCount).toBe(2);
    const small = realCore().run("timeline", pictureArgs({ subject: "amd" }), ctx);
    expect(small.paging).toBeUndefined();
    expect(allItems(small)).toHaveLength(14);
    expect(captionPicture(small)).toBe(small);
  });

  it("a question answered with a timeline has one; any other answer has none", () => {
    expect(pictureAnswerFor(realCore(), "ask", { question: "what happened with anthropic?" }, ctx)?.kind).toBe("timeline");
    expect(pictureAnswerFor(realCore(), "ask", { question: "who makes trainium?" }, ctx)).toBeUndefined();
    expect(pictureAnswerFor(realCore(), "about", { entity: "anthropic" }, ctx)).toBeUndefined();
  });
});

describe("the chart worker", { timeout: 60_000 }, () => {
  it("draws a timeline PNG off the event loop: at least 800 px wide, the size it says, alt text listing the events", async () => {
    const { pictures } = setup();
    const picture = await pictures.render(pictureAnswerFor(realCore(), "timeline", { subject: "anthropic" }, ctx)!);
    const png = PNG.sync.read(Buffer.from(picture.png));
    expect([png.width, png.height]).toEqual([picture.width, picture.height]);
    expect(png.width).toBeGreaterThanOrEqual(800);
    expect(picture.events).toBe(CHART.maxEvents);
    expect(picture.alt).toMatch(/^Timeline chart\. Timeline: Anthropic: 25 events/);
    expect(picture.alt.length).toBeLessThanOrEqual(CHART.altTextMax);
    expect(picture).toMatchObject({ filename: "timeline.png", title: "Timeline: Anthropic" });
  });

  it("a render past its deadline rejects with chart_render_timeout, and the next render gets a fresh worker", async () => {
    const own = new ChartWorker(builtChartWorkerScript());
    const answer = realCore().run("timeline", { subject: "amd" }, ctx);
    await expect(own.render(answer, {}, 1)).rejects.toMatchObject({ code: "chart_render_timeout" });
    const again = await own.render(answer, {}, PICTURES.renderTimeoutMs);
    expect(again.width).toBe(1200);
    await own.close();
  });

  it("an answer the chart cannot draw rejects with the renderer's code, and the worker keeps working", async () => {
    const notTimeline = realCore().run("about", { entity: "anthropic" }, ctx);
    await expect(worker.render(notTimeline, {}, PICTURES.renderTimeoutMs)).rejects.toMatchObject({ code: "chart_not_timeline" });
    expect((await worker.render(realCore().run("timeline", { subject: "amd" }, ctx), {}, PICTURES.renderTimeoutMs)).events).toBeGreaterThan(0);
  });
});

describe("pipeline: a timeline's picture follows the text reply", { timeout: 60_000 }, () => {
  it("sends the text first, then exactly one picture of the whole timeline, and logs both", async () => {
    const held = heldRenderer();
    const { pipeline, logs } = setup({ renderer: held });
    const { port, sent } = recordingPort();
    // the request is done while the render has not even started: the text never waits for the picture
    await pipeline.handle(request({ kind: "text", text: "timeline anthropic" }), port);
    expect(sent.map((s) => s.how)).toEqual(["answer"]);
    expect(sent[0]!.opts).toMatchObject({ picture: true });
    expect(logs("request")).toHaveLength(1);
    held.open();
    await pipeline.idle();
    expect(sent.map((s) => s.how)).toEqual(["answer", "picture"]);
    expect(sent[1]!.picture!.events).toBe(CHART.maxEvents);
    expect(logs("picture sent")).toEqual([expect.objectContaining({ platform: "slack", via: "mention", command: "timeline", outcome: "picture" })]);
  });

  it("a picture that cannot be sent is logged with its code only, and the text answer stands", async () => {
    const { pipeline, logs } = setup();
    const { port, sent } = recordingPort(true, true);
    await pipeline.handle(request({ kind: "text", text: "timeline amd" }), port);
    await pipeline.idle();
    expect(sent.map((s) => s.how)).toEqual(["answer"]);
    expect(logs("picture not sent; the text answer stands")).toEqual([expect.objectContaining({ code: "slack_webapi_platform_error", platformError: "missing_scope" })]);
    expect(JSON.stringify(logs("picture not sent; the text answer stands"))).not.toContain("upload refused");
  });

  it("no picture for other answers, quick answers, ports that cannot attach one (they get the flag), or with TIMELINE_PICTURES off", async () => {
    const held = heldRenderer();
    const { pipeline } = setup({ renderer: held });
    const fact = recordingPort();
    await pipeline.handle(request({ kind: "text", text: "who makes trainium?" }), fact.port);
    expect(fact.sent[0]!.opts?.picture).toBeUndefined();
    const offer = recordingPort(false);
    await pipeline.handle(request({ kind: "text", text: "timeline amd" }, "slash"), offer.port);
    expect(offer.sent.map((s) => s.how)).toEqual(["answer"]);
    expect(offer.sent[0]!.opts).toMatchObject({ picture: true });
    expect(held.started).toBe(0);

    const off = setup({ renderer: held, env: { TIMELINE_PICTURES: "false" } });
    const port = recordingPort();
    await off.pipeline.handle(request({ kind: "text", text: "timeline amd" }), port.port);
    expect(off.pipeline.pictures).toBeUndefined();
    expect(port.sent[0]!.opts?.picture).toBeUndefined();
    expect(held.started).toBe(0);
  });

  it(`keeps at most ${PICTURES.backlog} renders waiting: past that, a reply's picture is skipped and logged`, async () => {
    const held = heldRenderer();
    const { pipeline, logs } = setup({ renderer: held });
    const ports = Array.from({ length: PICTURES.backlog + 2 }, () => recordingPort());
    for (const { port } of ports) await pipeline.handle(request({ kind: "text", text: "timeline amd" }), port);
    expect(ports.every(({ sent }) => sent.length === 1 && sent[0]!.how === "answer")).toBe(true);
    held.open();
    await pipeline.idle();
    expect(ports.filter(({ sent }) => sent.at(-1)!.how === "picture")).toHaveLength(PICTURES.backlog + 1);
    expect(logs("picture not sent; the text answer stands")).toEqual([expect.objectContaining({ code: "picture_backlog_full" })]);
  });
});

describe("pipeline: Show as picture", { timeout: 60_000 }, () => {
  async function answered(pipeline: ReturnType<typeof setup>["pipeline"], text: string): Promise<string> {
    const { port, sent } = recordingPort(false);
    await pipeline.handle(request({ kind: "text", text }, "slash"), port);
    return sent[0]!.opts!.answerId!;
  }

  it("draws the remembered timeline and hands it to the port, once per press", async () => {
    const { pipeline, logs } = setup();
    const answerId = await answered(pipeline, "timeline anthropic");
    const { port, sent } = recordingPort();
    const press = request({ kind: "picture", answerId }, "picture");
    await pipeline.handle(press, port);
    await pipeline.handle(press, port); // the same press delivered again
    expect(sent.map((s) => s.how)).toEqual(["picture"]);
    expect(sent[0]!.picture!.title).toBe("Timeline: Anthropic");
    expect(logs("request").at(-2)).toMatchObject({ via: "picture", command: "picture", outcome: "picture" });
    expect(logs("request").at(-1)).toMatchObject({ via: "picture", outcome: "duplicate" });
  });

  it("an unknown answer, an answer that is not a timeline, and a port that fails each get a short notice", async () => {
    const { pipeline } = setup();
    const unknown = recordingPort();
    await pipeline.handle(request({ kind: "picture", answerId: "nope" }, "picture"), unknown.port);
    expect(unknown.sent).toEqual([{ how: "notice", text: TOO_OLD_TEXT }]);

    const factId = await answered(pipeline, "who makes trainium?");
    const fact = recordingPort();
    await pipeline.handle(request({ kind: "picture", answerId: factId }, "picture"), fact.port);
    expect(fact.sent).toEqual([{ how: "notice", text: NO_PICTURE_TEXT }]);

    const failing = recordingPort(true, true);
    await pipeline.handle(request({ kind: "picture", answerId: await answered(pipeline, "timeline amd") }, "picture"), failing.port);
    expect(failing.sent).toEqual([{ how: "notice", text: PICTURE_FAILED_TEXT }]);
  });
});
