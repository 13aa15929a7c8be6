// The platform-neutral request path both chat adapters share: parse → (app command | core) → Answer,
// plus what happens around it: remembering the answer for its buttons, logging questions nobody could answer,
// quick answers, feedback and sharing. Adapters only translate events in and render answers out.
import { randomBytes } from "node:crypto";
import { recordIds, type Answer } from "../core/answer.js";
import { parseCommandText } from "../core/commands/parse.js";
import { commandByName } from "../core/commands/registry.js";
import type { QueryContext } from "../core/types.js";
import type { ChannelKey, Platform, Vote } from "../storage/types.js";
import { runAppCommand, type Actor } from "./commands.js";
import type { AppDeps } from "./deps.js";

export interface Request {
  platform: Platform;
  key: ChannelKey;
  actor: Actor;
  /** the user's time zone when the platform tells it */
  timeZone?: string;
}

export interface Reply {
  answer: Answer;
  /** short id the reply's Share and feedback buttons carry; absent for app-command confirmations */
  answerId?: string;
  /** the command that produced it, for logs */
  command: string;
}

const queryContext = (deps: AppDeps, req: Request): QueryContext => ({ now: deps.clock(), timeZone: req.timeZone ?? deps.config.DEFAULT_TZ });

/** Answers a text command or question ("timeline trainium", "how much did Amazon invest?"). */
export function answerText(deps: AppDeps, req: Request, text: string): Reply {
  const parsed = parseCommandText(text);
  return answerCommand(deps, req, parsed.command.name, parsed.args);
}

/** Answers a command given by name with named options (Discord subcommands, parsed text). */
export function answerCommand(deps: AppDeps, req: Request, name: string, args: Record<string, string>): Reply {
  const spec = commandByName(name);
  if (spec?.scope === "app") {
    const answer = runAppCommand(name, args, {
      storage: deps.storage, core: deps.core(), config: deps.config, key: req.key, actor: req.actor, now: deps.clock(), timeZone: req.timeZone,
    });
    return { answer, command: name };
  }
  const answer = deps.core().run(name, args, queryContext(deps, req));
  return { answer, answerId: remember(deps, req, name, args, answer), command: name };
}

/** An unprompted quick answer for a channel message, or undefined when the bot should stay quiet. */
export function quickAnswer(deps: AppDeps, req: Request, text: string, threadKey: string): Reply | undefined {
  if (!deps.storage.getChannelSettings(req.key)?.autoanswer) return undefined;
  const answer = deps.core().quickAnswer(text, queryContext(deps, req));
  if (!answer) return undefined;
  // Never twice in one thread: claimed only once the bot has decided to answer.
  if (!deps.storage.claimThread(`${req.platform}:${req.key.workspace}:${req.key.channel}:${threadKey}`, deps.clock())) return undefined;
  const args = { question: text };
  return { answer, answerId: remember(deps, req, "ask", args, answer), command: "quick" };
}

function remember(deps: AppDeps, req: Request, command: string, args: Record<string, string>, answer: Answer): string | undefined {
  const now = deps.clock();
  if (answer.kind === "no-answer") deps.storage.recordUnanswered(req.platform, answer.query || Object.values(args).join(" "), now);
  if (answer.kind === "help" || answer.kind === "error") return undefined;
  const id = randomBytes(9).toString("base64url");
  deps.storage.saveAnswerRef({ id, platform: req.platform, command, args, question: answer.query || Object.values(args).join(" "), recordIds: recordIds(answer), at: now });
  return id;
}

/** Share: the same answer again, for posting visibly. Undefined when the button is too old to know. */
export function sharedAnswer(deps: AppDeps, req: Request, answerId: string): Reply | undefined {
  const ref = deps.storage.getAnswerRef(answerId);
  if (!ref) return undefined;
  const answer = deps.core().run(ref.command, ref.args, queryContext(deps, req));
  return { answer, answerId, command: "share" };
}

/** Records a feedback vote against the answer's record ids; false when the answer is unknown. */
export function recordVote(deps: AppDeps, req: Request, answerId: string, vote: Vote): boolean {
  const ref = deps.storage.getAnswerRef(answerId);
  if (!ref) return false;
  deps.storage.recordFeedback({ ...req.key, user: req.actor.id, question: ref.question, vote, recordIds: ref.recordIds, at: deps.clock() });
  return true;
}

export const VOTES: readonly Vote[] = ["helpful", "not_helpful", "wrong"];
export const VOTE_LABELS: Record<Vote, string> = { helpful: "Helpful", not_helpful: "Not helpful", wrong: "Report outdated or wrong" };
