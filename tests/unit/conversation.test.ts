// Conversation basics (issue 12, point 7): a greeting or thanks gets a hello and three example questions the core
// answers confidently; a bare follow-up gets "I don't keep context"; anything naming something is a question.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toContractJson } from "../../src/cli/contract.js";
import { allItems, answersConfidently } from "../../src/core/answer.js";
import { chatKind } from "../../src/core/commands/conversation.js";
import { createCore } from "../../src/core/index.js";
import { loadKnowledgeBase } from "../../src/kb/loader.js";

const { kb } = loadKnowledgeBase(join(import.meta.dirname, "..", "..", "data"));
const core = createCore(kb);
const ctx = { now: new Date("2026-12-01T12:00:00Z"), timeZone: "UTC" };

describe("greetings and thanks", () => {
  it.each(["hi", "Hello", "hello!", "hey there", "Good morning", "hi aistack 👋"])("%s: a hello and three example questions, never a refusal", (text) => {
    const a = core.handleText(text, ctx);
    expect(a.kind).toBe("help");
    expect(a.headline).toBe("Hello! I answer questions about the AI industry stack.");
    expect(allItems(a)).toHaveLength(3);
    expect(toContractJson(text, a).answered).toBe(true);
  });

  it.each(["thanks!", "thx", "Thank you very much", "cheers", "ok"])("%s: you're welcome, with examples", (text) => {
    const a = core.handleText(text, ctx);
    expect(a.kind).toBe("help");
    expect(a.headline).toBe("You're welcome!");
    expect(allItems(a)).toHaveLength(3);
  });

  it("offers only questions from data/questions.yaml that the core answers confidently", () => {
    const examples = allItems(core.handleText("hi", ctx));
    for (const e of examples) {
      expect(kb.questions.some((q) => q.id === e.id && q.question === e.text)).toBe(true);
      expect(answersConfidently(core.ask(e.text, ctx)), e.text).toBe(true);
    }
  });
});

describe("bare follow-ups", () => {
  it.each(["why?", "and 2024?", "how so?", "what about it?", "tell me more", "how much?", "and then?", "???"])("%s: 'I don't keep context' with a full example question", (text) => {
    expect(chatKind(text)).toBe("follow-up");
    const a = core.handleText(text, ctx);
    expect(a.kind).toBe("help");
    expect(a.headline).toMatch(/^I don't keep context: ask a full question, e\.g\. "[^"]+\?"$/);
    expect(allItems(a).length).toBeGreaterThan(0);
    // the example in the headline is not offered twice
    expect(allItems(a).map((i) => i.text)).not.toContain(/"([^"]+)"/.exec(a.headline)![1]);
  });
});

describe("anything that names something is a question", () => {
  it.each(["what about amd?", "2024", "in 2024", "late 2023", "hi, when was trainium announced?", "why did amazon invest in anthropic?", "thanks for the trainium answer, what about inferentia?"])("%s", (text) => {
    expect(chatKind(text)).toBeUndefined();
    expect(core.handleText(text, ctx).kind).not.toBe("help");
  });
});
