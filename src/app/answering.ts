// The platform-neutral request path both chat adapters share: parse → (app command | core) → Answer,
// plus what happens around it: remembering the answer for its buttons, logging questions nobody could answer,
// quick answers, feedback and sharing. Adapters only translate events in and render answers out.
import { randomBytes } from "node:crypto";
import { recordIds, type Answer } from "../core/answer.js";
import { tooLong } from "../core/commands/messages.js";
import type { QueryContext } from "../core/types.js";
import type { ChannelKey, Platform, Vote } from "../storage/types.js";
import { commandByName, parseText, runAppCommand, specsFor } from "./commands/list.js";
import { appMessage, type Actor } from "./commands/types.js";
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

const queryContext = (deps: AppDeps, req: Request): QueryContext => ({ now: deps.clock(), timeZone: req.timeZone ?? deps.config.DEFAULT_TZ, commands: specsFor(req.platform) });

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

/** Answers a text command or question ("timeline trainium", "how much did Amazon invest?"). */
export function answerText(deps: AppDeps, req: Request, text: string): Reply {
  const refused = refuseLongInput(text);
  if (refused) return { answer: refused, command: "too-long" };
  const parsed = parseText(text);
  return answerCommand(deps, req, parsed.command.spec.name, parsed.args);
}

/** What the user is told when a change cannot be written (database locked beyond busy_timeout, or read-only). */
export const UNSAVED_ANSWER = () =>
  appMessage("error", "I could not save that change.", "The database is busy or read-only right now, so nothing was changed. Please try again in a minute; questions still work.");

/** A storage call that failed: SQLite errors (SQLITE_BUSY, SQLITE_READONLY, …) and closed databases. */
export const isStorageFailure = (err: unknown) => {
  const e = err as { code?: unknown; name?: unknown; message?: unknown };
  return e?.name === "SqliteError" || (typeof e?.code === "string" && e.code.startsWith("SQLITE_")) || /database connection is not open/.test(String(e?.message));
};

const warnStorage = (deps: AppDeps, what: string, err: unknown) =>
  deps.logger.warn({ code: (err as { code?: string }).code, what }, "storage not writable; answering without saving");

/** Answers a command given by name with named options (Discord subcommands, parsed text). */
export function answerCommand(deps: AppDeps, req: Request, name: string, args: Record<string, string>): Reply {
  const refused = refuseLongInput(...Object.values(args));
  if (refused) return { answer: refused, command: "too-long" };
  const command = commandByName(name);
  if (command?.scope === "app") {
    try {
      const answer = runAppCommand(name, args, {
        storage: deps.storage, core: deps.core(), config: deps.config, key: req.key, actor: req.actor, now: deps.clock(), timeZone: req.timeZone,
      });
      return { answer, command: name };
    } catch (err) {
      if (!isStorageFailure(err)) throw err;
      // A setting or subscription is written in one transaction: it either changed or it did not. Say it did not.
      warnStorage(deps, `${name} command`, err);
      return { answer: UNSAVED_ANSWER(), command: name };
    }
  }
  const answer = deps.core().run(name, args, queryContext(deps, req));
  return { answer, answerId: remember(deps, req, name, args, answer), command: name };
}

/** An unprompted quick answer for a channel message, or undefined when the bot should stay quiet. */
export function quickAnswer(deps: AppDeps, req: Request, text: string, threadKey: string): Reply | undefined {
  if (!deps.storage.getChannelSettings(req.key)?.autoanswer) return undefined;
  if (text.length > MAX_INPUT_CHARS) return undefined;
  const answer = deps.core().quickAnswer(text, queryContext(deps, req));
  if (!answer) return undefined;
  // Never twice in one thread: claimed only once the bot has decided to answer. Unclaimable (storage not
  // writable): stay quiet, since nobody asked and a second answer in the thread must stay impossible.
  try {
    if (!deps.storage.claimThread(`${req.platform}:${req.key.workspace}:${req.key.channel}:${threadKey}`, deps.clock())) return undefined;
  } catch (err) {
    if (!isStorageFailure(err)) throw err;
    warnStorage(deps, "quick-answer thread claim", err);
    return undefined;
  }
  const args = { question: text };
  return { answer, answerId: remember(deps, req, "ask", args, answer), command: "quick" };
}

/**
 * Saves what the answer's buttons point at (and logs an unanswered question). When storage is not writable the
 * answer is still sent, without Share and feedback buttons: nothing else depends on the row.
 */
function remember(deps: AppDeps, req: Request, command: string, args: Record<string, string>, answer: Answer): string | undefined {
  try {
    return rememberOrThrow(deps, req, command, args, answer);
  } catch (err) {
    if (!isStorageFailure(err)) throw err;
    warnStorage(deps, "answer buttons", err);
    return undefined;
  }
}

function rememberOrThrow(deps: AppDeps, req: Request, command: string, args: Record<string, string>, answer: Answer): string | undefined {
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

/** Records a feedback vote against the answer's record ids: "unknown" when the answer is, "unsaved" when storage is not writable. */
export function recordVote(deps: AppDeps, req: Request, answerId: string, vote: Vote): "recorded" | "unknown" | "unsaved" {
  try {
    const ref = deps.storage.getAnswerRef(answerId);
    if (!ref) return "unknown";
    deps.storage.recordFeedback({ ...req.key, user: req.actor.id, question: ref.question, vote, recordIds: ref.recordIds, at: deps.clock() });
    return "recorded";
  } catch (err) {
    if (!isStorageFailure(err)) throw err;
    warnStorage(deps, "feedback vote", err);
    return "unsaved";
  }
}

export const VOTE_UNSAVED_TEXT = "Sorry, I could not record your vote right now (the database is busy). Please try again in a minute.";

/**
 * Claims an event id before answering. When storage cannot be written, a request someone made on purpose (a
 * mention, a DM) is answered anyway, accepting that a platform retry of it might be answered twice.
 */
export function claimOrAnswerAnyway(deps: AppDeps, key: string, ttlMs: number): boolean {
  try {
    return deps.storage.claimEvent(key, deps.clock(), ttlMs);
  } catch (err) {
    if (!isStorageFailure(err)) throw err;
    warnStorage(deps, "event dedupe", err);
    return true;
  }
}

export const VOTES: readonly Vote[] = ["helpful", "not_helpful", "wrong"];
export const VOTE_LABELS: Record<Vote, string> = { helpful: "Helpful", not_helpful: "Not helpful", wrong: "Report outdated or wrong" };
