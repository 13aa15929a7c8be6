// Quick answers: unasked, in a team channel. Only for messages that read as questions about something the
// knowledge base covers, and only when the answer is confident; kept short (two items).
import type { Answer } from "./answer.js";
import { finishAnswer } from "./answer.js";
import { ask } from "./commands/ask.js";
import type { Engine } from "./engine.js";
import type { QueryContext } from "./types.js";

const QUESTION_SHAPE = /\?\s*$|^(who|what|when|which|how|where|why|is|are|does|did|do|can|has|have)\b/i;
const MAX_QUICK_CHARS = 300;

export function quickAnswer(engine: Engine, message: string, ctx: QueryContext): Answer | undefined {
  const text = message.trim();
  if (text.length < 8 || text.length > MAX_QUICK_CHARS || !QUESTION_SHAPE.test(text)) return undefined;
  const answer = ask(engine, text, ctx);
  if (!answer.confident || (answer.kind !== "fact" && answer.kind !== "list")) return undefined;
  const sections = answer.sections.map((s) => ({ ...s, items: s.items.slice(0, 2) }));
  const { fallbackText: _drop, ...rest } = answer;
  return finishAnswer({ ...rest, sections });
}
