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
export function noAnswer(engine: Engine, query: string, nearEntityIds: string[], why?: "live"): Answer {
  const near = [...new Set(nearEntityIds)].slice(0, 3).map((id) => `about ${engine.entityName(id)}`);
  const questions = engine.kb.questions.slice(0, Math.max(0, 3 - near.length)).map((q) => q.question);
  const asOf = articleDate(engine);
  return finishAnswer({
    kind: "no-answer",
    query,
    headline: why === "live" ? "I don't have live figures." : "I don't have that in my knowledge base.",
    summary:
      why === "live"
        ? `My knowledge comes from the sources listed by \`sources\`${asOf ? `, as of ${asOf}` : ""}; it has no prices or figures for today.`
        : near.length
          ? `I know about ${[...new Set(nearEntityIds)].slice(0, 3).map((id) => engine.entityName(id)).join(", ")}, but nothing that answers this question.`
          : "It covers clouds, AI chips, foundation models and the deals between them, from the sources listed by `sources`.",
    sections: [],
    suggestions: [...near, ...questions],
    confident: false,
  });
}

/** A question about something the knowledge base does not know at all: say which name, never guess a neighbour. */
export function unknownAnswer(engine: Engine, query: string, names: string[], nearEntityIds: string[]): Answer {
  const shown = names.slice(0, 3).map((n) => `"${n.slice(0, 40)}"`).join(", ");
  const near = [...new Set(nearEntityIds)].slice(0, 3);
  return finishAnswer({
    kind: "no-answer",
    query,
    headline: `I don't have anything on ${shown}.`,
    summary: near.length
      ? `My knowledge base covers ${near.map((id) => engine.entityName(id)).join(", ")}, but not that.`
      : "It covers clouds, AI chips, foundation models and the deals between them, from the sources listed by `sources`.",
    sections: [],
    suggestions: near.map((id) => `about ${engine.entityName(id)}`),
    confident: false,
  });
}

/** The newest article's publication date, "14 Jun 2025": what "now" means for this knowledge base. */
export function articleDate(engine: Engine): string | undefined {
  const dates = engine.kb.sources.filter((s) => s.kind === "article" && s.published).map((s) => s.published!).sort();
  const last = dates.at(-1);
  if (!last || !/^\d{4}-\d{2}-\d{2}$/.test(last)) return last;
  const [y, m, d] = last.split("-").map(Number) as [number, number, number];
  return `${d} ${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]} ${y}`;
}
