// Answers that carry no knowledge-base records: refusals, usage errors, no-answer with suggestions.
import { finishAnswer, type Answer } from "../answer.js";
import type { Engine } from "../engine.js";
import { MAX_QUESTION_CHARS } from "../engine.js";

export function errorAnswer(query: string, headline: string, summary?: string, suggestions: string[] = []): Answer {
  return finishAnswer({ kind: "error", query, headline, summary, sections: [], suggestions, confident: false });
}

export const tooLong = (length: number): Answer =>
  errorAnswer("", `That is too long to be a question (${length.toLocaleString("en-US")} characters).`, `Ask in under ${MAX_QUESTION_CHARS} characters, e.g. "when was Trainium announced?"`);

/** "I don't have that", with the closest topics the knowledge base does cover. */
export function noAnswer(engine: Engine, query: string, nearEntityIds: string[]): Answer {
  const near = [...new Set(nearEntityIds)].slice(0, 3).map((id) => `about ${engine.entityName(id)}`);
  const questions = engine.kb.questions.slice(0, Math.max(0, 3 - near.length)).map((q) => q.question);
  return finishAnswer({
    kind: "no-answer",
    query,
    headline: "I don't have that in my knowledge base.",
    summary: near.length
      ? `I know about ${[...new Set(nearEntityIds)].slice(0, 3).map((id) => engine.entityName(id)).join(", ")}, but nothing that answers this question.`
      : "It covers clouds, AI chips, foundation models and the deals between them, from the sources listed by `sources`.",
    sections: [],
    suggestions: [...near, ...questions],
    confident: false,
  });
}
