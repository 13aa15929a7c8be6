// The one limit on what a user may send: checked by the pipeline (and the ask CLI) before any parsing or search.
import type { Answer } from "../core/answer.js";
import { tooLong } from "../core/commands/messages.js";

/**
 * Input longer than this is refused before parsing or searching: typo-tolerant entity matching on a
 * 10,000-character `about` or `compare` takes seconds, and no real question is that long.
 */
export const MAX_INPUT_CHARS = 1000;

/** The short refusal for oversized input, or undefined when the input is fine. */
export function refuseLongInput(...parts: string[]): Answer | undefined {
  const length = parts.reduce((n, p) => n + p.length, 0);
  return length > MAX_INPUT_CHARS ? tooLong(length) : undefined;
}
