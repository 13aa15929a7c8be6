// Rendering is pure, and the answer cache hands out the same Answer object for a repeated question (whose answer id
// is the same too), so the Block Kit message for it is kept with the answer and built once. Held weakly: when the
// answer cache drops an answer, its renderings go with it.
import type { Answer } from "../../core/answer.js";
import { renderAnswer, type RenderOptions, type SlackMessage } from "./render.js";

const renderings = new WeakMap<Answer, Map<string, SlackMessage>>();

export function renderAnswerOnce(answer: Answer, opts: RenderOptions = {}): SlackMessage {
  const key = `${opts.answerId ?? ""}|${opts.share ? 1 : 0}|${opts.quick ? 1 : 0}|${opts.sharedBy ?? ""}|${opts.maxItems ?? ""}|${opts.picture ? 1 : 0}`;
  let byOpts = renderings.get(answer);
  if (!byOpts) renderings.set(answer, (byOpts = new Map()));
  let message = byOpts.get(key);
  if (!message) byOpts.set(key, (message = renderAnswer(answer, opts)));
  return message;
}
