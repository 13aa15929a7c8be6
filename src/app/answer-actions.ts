// What two answer buttons do, once for every platform. Show more re-runs the answer's command for another page and
// replaces the message the button is on with it; Suggest for the knowledge base notes the refused question as an
// unanswered one, which `npm run report -- feedback` lists. Both find the question through the answer reference the
// button carries, as Share does. The pipeline routes them here after its delivery dedupe and rate limit, and logs them.
import { isChartable } from "../chart/model.js";
import type { QueryContext } from "../core/types.js";
import type { ChannelKey } from "../storage/types.js";
import { answerRefAt } from "./answer-refs.js";
import type { AppDeps } from "./deps.js";
import type { Pictures } from "./pictures.js";
import type { InboundRequest, ReplyPort } from "./request.js";
import { TOO_OLD_TEXT } from "./votes.js";

export const SUGGEST_THANKS = (question: string) =>
  `Thanks: "${question.slice(0, 120)}" is noted as a question the knowledge base should cover.`;
export const SUGGEST_UNSAVED_TEXT = "Sorry, I could not note that right now (the database is unavailable). Please try again in a moment.";
/** A button that needs the answer's reference while the database cannot be reached. */
export const DATABASE_UNREACHABLE_TEXT = "Sorry, I cannot reach the database right now. Please try again in a moment.";

/** What the pipeline lends an action for one request. */
export interface ActionScope {
  deps: AppDeps;
  /** where the button was pressed: an answer reference from anywhere else is not used */
  key: ChannelKey;
  /** the core's context for this request (clock, time zone, the platform's commands) */
  queryContext: QueryContext;
  /** timeline pictures, when they are on */
  pictures?: Pictures;
  /** a storage failure: logged (codes only) and replaced by the fallback; any other error is rethrown */
  unavailable<T>(err: unknown, what: string, fallback: T): T;
}

/** The request's outcome and command, for the log line. */
export interface ActionResult {
  outcome: string;
  command: string;
}

/** Show more: the page asked for of a remembered answer, in place of the message that showed the previous one. */
export async function showMore(scope: ActionScope, port: ReplyPort, answerId: string, page: number): Promise<ActionResult> {
  const { deps } = scope;
  // An unreadable button value is answered like a forgotten answer: there is nothing to page.
  const ref = answerId && Number.isInteger(page) && page >= 1
    ? await answerRefAt(deps.storage, scope.key, answerId).catch((err: unknown) => scope.unavailable(err, "show more", null))
    : undefined;
  if (ref === null) {
    await port.notice(DATABASE_UNREACHABLE_TEXT);
    return { outcome: "unavailable", command: "more" };
  }
  if (!ref) {
    await port.notice(TOO_OLD_TEXT);
    return { outcome: "unknown-answer", command: "more" };
  }
  const answer = deps.core().run(ref.command, { ...ref.args, page: String(page) }, scope.queryContext);
  // The page keeps the answer's reference: its Share, votes, next Show more and Show as picture act on the same question.
  const opts = { answerId, ...(scope.pictures && isChartable(answer) ? { picture: true } : {}) };
  await (port.replace ? port.replace(answer, opts) : port.answer(answer, opts));
  return { outcome: answer.kind, command: `${ref.command} page ${page}` };
}

/** Suggest for the knowledge base: the remembered answer's question counted as unanswered, then a private thank-you. */
export async function suggestForKnowledgeBase(scope: ActionScope, req: InboundRequest, port: ReplyPort, answerId: string): Promise<ActionResult> {
  const { deps } = scope;
  let notice: string;
  let outcome: "recorded" | "unknown-answer" | "unsaved";
  try {
    const ref = answerId ? await answerRefAt(deps.storage, req.key, answerId) : undefined;
    if (!ref) {
      outcome = "unknown-answer";
      notice = TOO_OLD_TEXT;
    } else {
      await deps.storage.recordUnanswered(req.key.platform, ref.question, deps.clock());
      outcome = "recorded";
      notice = SUGGEST_THANKS(ref.question);
    }
  } catch (err) {
    scope.unavailable(err, "suggestion for the knowledge base", undefined);
    outcome = "unsaved";
    notice = SUGGEST_UNSAVED_TEXT;
  }
  await port.notice(notice);
  return { outcome, command: "suggest" };
}
