// What two answer buttons do, for both chat adapters: Show more re-runs the answer's command for another page
// (the adapter replaces the message with it), and Suggest for the knowledge base records the refused question as a
// miss, which `npm run report -- feedback` lists with the other unanswered questions. Both find the question
// through the answer reference the buttons carry, as Share does.
import type { Answer } from "../core/answer.js";
import type { Platform } from "../storage/types.js";
import { isStorageUnavailable } from "../errors.js";
import { specsFor } from "./commands/list.js";
import type { AppDeps } from "./deps.js";

/** Another page of a remembered answer; undefined when the reference is gone (too old) or unreadable. */
export async function answerPage(deps: AppDeps, platform: Platform, answerId: string, page: number): Promise<Answer | undefined> {
  const ref = await readRef(deps, answerId);
  if (!ref) return undefined;
  return deps.core().run(ref.command, { ...ref.args, page: String(page) }, { now: deps.clock(), timeZone: deps.config.DEFAULT_TZ, commands: specsFor(platform) });
}

export type SuggestResult = { outcome: "recorded"; question: string } | { outcome: "unknown" | "unsaved" };

/** Records the refused question of a remembered answer as a miss for the knowledge base's editors. */
export async function suggestForKnowledgeBase(deps: AppDeps, platform: Platform, answerId: string): Promise<SuggestResult> {
  try {
    const ref = await deps.storage.getAnswerRef(answerId);
    if (!ref) return { outcome: "unknown" };
    await deps.storage.recordUnanswered(platform, ref.question, deps.clock());
    return { outcome: "recorded", question: ref.question };
  } catch (err) {
    if (!isStorageUnavailable(err)) throw err;
    deps.logger.warn({ code: err.driverCode, what: "suggest for the knowledge base" }, "storage not writable");
    return { outcome: "unsaved" };
  }
}

async function readRef(deps: AppDeps, answerId: string) {
  try {
    return await deps.storage.getAnswerRef(answerId);
  } catch (err) {
    if (!isStorageUnavailable(err)) throw err;
    return undefined;
  }
}

export const SUGGEST_THANKS = (question: string) =>
  `Thanks: "${question.slice(0, 120)}" is noted as a question the knowledge base should cover.`;
export const SUGGEST_UNSAVED = "Sorry, I could not note that right now (the database is busy). Please try again in a minute.";
export const ANSWER_TOO_OLD = "That answer is too old to act on. Ask again.";
