// Show more and Suggest for the knowledge base in the pipeline itself, on the memory backend with the real core
// and data/: what reaches the reply port, the one log line per request, and a replayed delivery answered once.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/core/answer.js";
import type { Core } from "../../src/core/types.js";
import { SUGGEST_THANKS } from "../../src/app/answer-actions.js";
import { createPipeline } from "../../src/app/pipeline.js";
import type { InboundRequest, ReplyPort, RequestInput } from "../../src/app/request.js";
import { TOO_OLD_TEXT } from "../../src/app/votes.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { MemoryStorage } from "../../src/storage/memory/store.js";
import { shippedCore } from "../helpers/shipped-kb.js";

let core: Core | undefined;
const realCore = () => (core ??= shippedCore());

function setup() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const storage = new MemoryStorage();
  const pipeline = createPipeline({ config: loadConfig({ LOG_LEVEL: "info" }), core: realCore, storage, logger: createLogger("info", sink), clock: () => new Date("2025-07-01T12:00:00Z") });
  return { storage, pipeline, requests: () => lines.filter((l) => l.msg === "request") };
}

/** A port that records what the pipeline sent; `replace` only when the platform can edit the pressed message. */
function recordingPort(canReplace: boolean) {
  const sent: { how: "answer" | "replace" | "notice"; answer?: Answer; answerId?: string; text?: string }[] = [];
  const port: ReplyPort = {
    buttons: true,
    mustRespond: false,
    answer: async (answer, opts) => void sent.push({ how: "answer", answer, answerId: opts.answerId }),
    ...(canReplace ? { replace: async (answer: Answer, opts: { answerId?: string }) => void sent.push({ how: "replace", answer, answerId: opts.answerId }) } : {}),
    notice: async (text) => void sent.push({ how: "notice", text }),
    silent: async () => undefined,
  };
  return { port, sent };
}

let seq = 0;
const request = (input: RequestInput, delivery?: string): InboundRequest => ({
  key: { platform: "slack", workspace: "T1", channel: "C1" },
  via: input.kind === "more" ? "more" : input.kind === "suggest" ? "suggest" : "slash",
  actor: { id: "U1", canManageChannel: false, isWorkspaceAdmin: false },
  rateSubject: { user: `T1:U${++seq}`, channel: "T1:C1" },
  input,
  ...(delivery ? { delivery: { key: delivery, ttlMs: 60_000 } } : {}),
  receivedAt: Date.now(),
});

/** Asks a question through the pipeline and returns the answer's reference id (saved after the reply). */
async function ask(pipeline: ReturnType<typeof setup>["pipeline"], text: string): Promise<string> {
  const { port, sent } = recordingPort(true);
  await pipeline.handle(request({ kind: "text", text }), port);
  expect(sent[0]?.answerId).toBeTruthy();
  return sent[0]!.answerId!;
}

describe("pipeline: Show more", () => {
  it("replaces the pressed message with the page asked for, keeping the answer's reference, and logs it", async () => {
    const { pipeline, requests } = setup();
    const answerId = await ask(pipeline, "timeline anthropic");
    const { port, sent } = recordingPort(true);
    await pipeline.handle(request({ kind: "more", answerId, page: 2 }, "press-1"), port);
    expect(sent.map((s) => s.how)).toEqual(["replace"]);
    expect(sent[0]!.answerId).toBe(answerId);
    expect(sent[0]!.answer!.kind).toBe("timeline");
    expect(sent[0]!.answer!.fallbackText).not.toBe("");
    expect(requests().at(-1)).toMatchObject({ platform: "slack", via: "more", command: "timeline page 2", outcome: "timeline" });
  });

  it("sends the page as a new reply where the port cannot replace a message", async () => {
    const { pipeline } = setup();
    const answerId = await ask(pipeline, "timeline anthropic");
    const { port, sent } = recordingPort(false);
    await pipeline.handle(request({ kind: "more", answerId, page: 2 }), port);
    expect(sent.map((s) => s.how)).toEqual(["answer"]);
  });

  it("a replayed delivery gets no second reply; an unknown answer or page gets the too-old notice", async () => {
    const { pipeline, requests } = setup();
    const answerId = await ask(pipeline, "timeline anthropic");
    const { port, sent } = recordingPort(true);
    await pipeline.handle(request({ kind: "more", answerId, page: 2 }, "press-2"), port);
    await pipeline.handle(request({ kind: "more", answerId, page: 2 }, "press-2"), port);
    expect(sent).toHaveLength(1);
    expect(requests().at(-1)).toMatchObject({ via: "more", outcome: "duplicate" });
    for (const input of [{ answerId: "nope", page: 2 }, { answerId, page: 0 }, { answerId: "", page: 2 }]) {
      sent.length = 0;
      await pipeline.handle(request({ kind: "more", ...input }), port);
      expect(sent).toEqual([{ how: "notice", text: TOO_OLD_TEXT }]);
      expect(requests().at(-1)).toMatchObject({ via: "more", command: "more", outcome: "unknown-answer" });
    }
  });
});

describe("pipeline: Suggest for the knowledge base", () => {
  it("notes the answer's question as unanswered once per press, thanks privately, and logs it", async () => {
    const { pipeline, storage, requests } = setup();
    const question = "how many employees does AMD have?";
    const answerId = await ask(pipeline, question);
    const before = (await storage.feedbackReport()).unanswered.find((u) => u.question === question)?.count ?? 0;
    const { port, sent } = recordingPort(true);
    await pipeline.handle(request({ kind: "suggest", answerId }, "press-3"), port);
    await pipeline.handle(request({ kind: "suggest", answerId }, "press-3"), port);
    expect(sent).toEqual([{ how: "notice", text: SUGGEST_THANKS(question) }]);
    expect((await storage.feedbackReport()).unanswered.find((u) => u.question === question)?.count).toBe(before + 1);
    expect(requests().slice(-2)).toMatchObject([{ via: "suggest", command: "suggest", outcome: "recorded" }, { via: "suggest", outcome: "duplicate" }]);
  });
});
