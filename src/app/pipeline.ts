// The one request path. Every adapter (Slack, Discord, the console) translates its event into an InboundRequest,
// hands over a ReplyPort and calls handle(); the steps and their order are decided here once, so every platform
// follows the same policies: quick-answer gate, delivery dedupe, rate limit, the answer buttons that page or note
// (Show more, Suggest, Show as picture), input size, parsing and routing, actor facts, the answer, the reply, then
// (after the reply) a timeline's picture on its own time, the answer reference and the unanswered log, and one log line.
import { isChartable } from "../chart/model.js";
import { recordIds, type Answer } from "../core/answer.js";
import type { CommandSpec, Surface } from "../core/commands/spec.js";
import type { QueryContext } from "../core/types.js";
import { isStorageUnavailable } from "../errors.js";
import { logRequest } from "../log.js";
import { DATABASE_UNREACHABLE_TEXT, showMore, suggestForKnowledgeBase, type ActionScope } from "./answer-actions.js";
import { answerRefAt, answerRefId, AnswerRefs } from "./answer-refs.js";
import { retentionMs } from "./retention.js";
import { commandByName, parseText, specsFor, type Command } from "./commands/list.js";
import { appMessage, type Actor } from "./commands/types.js";
import type { AppDeps } from "./deps.js";
import { RATE_LIMITED_TEXT, RateLimiter } from "./ratelimit.js";
import type { InboundRequest, ReplyPort } from "./request.js";
import type { ChannelKey, Vote } from "../storage/types.js";
import { MAX_INPUT_CHARS, refuseLongInput } from "./input-limit.js";
import { showPicture } from "./picture-action.js";
import { Pictures } from "./pictures.js";
import { TOO_OLD_TEXT, VOTE_THANKS, VOTE_UNSAVED_TEXT } from "./votes.js";

/** What the user is told when something needs the database and it cannot be reached (busy, read-only, connection lost). */
export const STORAGE_UNAVAILABLE_ANSWER = () =>
  appMessage("error", "I could not save that change.", "The database is unavailable right now, so nothing was changed. Please try again in a moment; questions still work.");
/** The claim key that keeps quick answers to one per thread (or Discord reply chain). */
export const threadClaimKey = (req: Pick<InboundRequest, "key">, thread: string) => `${req.key.platform}:${req.key.workspace}:${req.key.channel}:${thread}`;

/** A command not offered on this surface: the console has no channel settings. */
function notOffered(spec: CommandSpec, surface: Surface): Answer {
  if (surface === "console" && spec.changePermission) return appMessage("error", `\`${spec.name}\` changes a Slack or Discord channel's settings; it is not available in the console.`);
  return appMessage("error", `\`${spec.name.slice(0, 40)}\` is not available here.`, "Type `help` to see the commands.");
}

export interface PipelineOptions {
  /** apply RATE_USER_PER_MINUTE / RATE_CHANNEL_PER_MINUTE (default true; the local console is the operator's own terminal) */
  rateLimits?: boolean;
  /** the timeline pictures (default: drawn on the chart worker when TIMELINE_PICTURES is on) */
  pictures?: Pictures;
}

/** Outcome of one request, for the log line: the answer kind, or limited / duplicate / ignored / unsaved / … */
interface Result {
  outcome: string;
  command?: string;
}

export class Pipeline {
  private readonly limiter?: RateLimiter;
  private readonly refs: AnswerRefs;
  /** undefined when TIMELINE_PICTURES is off */
  readonly pictures?: Pictures;

  constructor(
    private readonly deps: AppDeps,
    opts: PipelineOptions = {},
  ) {
    const { config, storage, logger } = deps;
    if (opts.rateLimits !== false) this.limiter = new RateLimiter(storage, { user: config.RATE_USER_PER_MINUTE, channel: config.RATE_CHANNEL_PER_MINUTE }, logger);
    this.refs = new AnswerRefs(storage, logger);
    if (config.TIMELINE_PICTURES) this.pictures = opts.pictures ?? new Pictures(deps);
  }

  /** Resolves when every picture that follows a reply so far has been sent or given up. */
  async idle(): Promise<void> {
    await this.pictures?.idle();
  }

  /** Waits for the pictures still following replies, then ends the chart worker. */
  async close(): Promise<void> {
    await this.pictures?.close();
  }

  /** Handles one request end to end. Rejects only when the reply itself fails (the adapter's error handler reports it). */
  async handle(req: InboundRequest, port: ReplyPort): Promise<void> {
    let result: Result = { outcome: "failed" };
    try {
      result = await this.route(req, port);
    } finally {
      if (result.outcome !== "ignored") {
        logRequest(this.deps.logger, { platform: req.key.platform, via: req.via, command: result.command, outcome: result.outcome, ms: Date.now() - req.receivedAt, workspace: req.key.workspace, channel: req.key.channel });
      }
    }
  }

  private async route(req: InboundRequest, port: ReplyPort): Promise<Result> {
    const input = req.input;
    if (input.kind === "share") return this.share(req, port, input.answerId);
    if (input.kind === "vote") return this.vote(req, port, input.answerId, input.vote);
    const quick = input.kind === "quick";

    // 1. Unprompted messages: only where quick answers are on, never a redelivery, never oversized. This costs
    //    chatter in other channels nothing, not even a rate-limit token.
    if (quick) {
      if (req.delivery?.redelivered || input.text.length > MAX_INPUT_CHARS) return { outcome: "ignored" };
      const settings = await this.deps.storage.getChannelSettings(req.key).catch((err: unknown) => this.unavailable(err, "quick-answer settings", undefined));
      // paused: the app was removed from the workspace (the opt-in stays for a reinstall)
      if (!settings?.autoanswer || settings.pausedReason) return { outcome: "ignored" };
    }

    // 2. One reply per platform delivery (retries, replays, other instances). When the claim cannot be written, a
    //    first delivery someone made on purpose is answered anyway; a redelivery is not (its first delivery most
    //    likely was answered), nor is an unprompted message.
    if (req.delivery) {
      const answerAnyway = !quick && !req.delivery.redelivered;
      const claimed = await this.deps.storage.claim(req.delivery.key, this.deps.clock(), req.delivery.ttlMs).catch((err: unknown) => this.unavailable(err, "delivery dedupe", answerAnyway));
      if (!claimed) return { outcome: quick ? "ignored" : "duplicate" };
    }

    // 3. Rate limits: a limited user hears it once a minute (or every time where the platform needs a response).
    if (this.limiter) {
      const rate = await this.limiter.check({ platform: req.key.platform, ...req.rateSubject }, this.deps.clock().getTime());
      if (!rate.ok) {
        if (quick) return { outcome: "ignored" };
        await (rate.notify || port.mustRespond ? port.notice(RATE_LIMITED_TEXT) : port.silent());
        return { outcome: "limited" };
      }
    }

    // 4. Show more runs the core again, Suggest writes, Show as picture draws: all after the dedupe and the rate limit.
    if (input.kind === "more") return showMore(this.actionScope(req), port, input.answerId, input.page);
    if (input.kind === "suggest") return suggestForKnowledgeBase(this.actionScope(req), req, port, input.answerId);
    if (input.kind === "picture") return showPicture(this.actionScope(req), port, input.answerId);

    // 5. Quick answers: only when the core is confident, and never twice in one thread (claimed once decided).
    if (quick) {
      const answer = this.deps.core().quickAnswer(input.text, this.queryContext(req));
      if (!answer) return { outcome: "ignored" };
      const fresh = await this.deps.storage.claim(threadClaimKey(req, input.thread), this.deps.clock(), retentionMs(this.deps.config)).catch((err: unknown) => this.unavailable(err, "quick-answer thread claim", false));
      if (!fresh) return { outcome: "ignored" };
      await this.reply(req, port, "ask", { question: input.text }, answer, true);
      return { outcome: answer.kind, command: "quick" };
    }

    // 6. Oversized input, then the command: parsed from text, or named with options.
    const texts = input.kind === "text" ? [input.text] : Object.values(input.args);
    const refused = refuseLongInput(...texts);
    if (refused) {
      await port.answer(refused, {});
      return { outcome: refused.kind, command: "too-long" };
    }
    const parsed = input.kind === "text" ? parseText(input.text) : { command: commandByName(input.name), args: input.args };
    const command = parsed.command;
    const surface = req.key.platform as Surface;
    if (!command || !command.spec.surfaces.includes(surface)) {
      const answer = command ? notOffered(command.spec, surface) : appMessage("error", `\`${(input.kind === "command" ? input.name : "").slice(0, 32)}\` is not a command any more.`, "Type `help` to see the commands.");
      await port.answer(answer, {});
      return { outcome: "unknown-command" };
    }
    const name = command.spec.name;
    const args = parsed.args;
    return this.runCommand(req, port, command, name, args);
  }

  private async runCommand(req: InboundRequest, port: ReplyPort, command: Command, name: string, args: Record<string, string>): Promise<Result> {
    let actor: Actor = req.actor;
    let timeZone = req.timeZone;
    if (command.spec.actorFacts?.length && req.lookupActor) {
      const facts = await req.lookupActor();
      actor = { ...actor, isWorkspaceAdmin: actor.isWorkspaceAdmin || facts.isWorkspaceAdmin };
      timeZone = facts.timeZone ?? timeZone;
    }
    if (command.scope === "app") {
      let answer: Answer;
      let outcome: string;
      try {
        answer = await command.run(args, { storage: this.deps.storage, core: this.deps.core(), config: this.deps.config, key: req.key, actor, now: this.deps.clock(), timeZone });
        outcome = answer.kind;
      } catch (err) {
        // A change is one transaction: it either happened or it did not. Say it did not.
        this.unavailable(err, `${name} command`, undefined);
        answer = STORAGE_UNAVAILABLE_ANSWER();
        outcome = "unsaved";
      }
      await port.answer(answer, {});
      return { outcome, command: name };
    }
    const ctx = this.queryContext({ ...req, timeZone });
    const answer = this.deps.core().run(name, args, ctx);
    await this.reply(req, port, name, args, answer, false, ctx);
    return { outcome: answer.kind, command: name };
  }

  /**
   * Sends a core answer; after it is sent, a timeline's picture follows on its own time (never a quick answer's),
   * and the answer's reference (for the buttons) is kept and a refusal logged.
   */
  private async reply(req: InboundRequest, port: ReplyPort, command: string, args: Record<string, string>, answer: Answer, quick: boolean, ctx = this.queryContext(req)): Promise<void> {
    const buttons = port.buttons && answer.kind !== "help" && answer.kind !== "error";
    const answerId = buttons ? this.answerIdFor(req.key, command, args, answer) : undefined;
    const picture = Boolean(this.pictures && !quick && isChartable(answer));
    const sent = await port.answer(answer, { answerId, quick, ...(picture ? { picture } : {}) });
    if (picture) this.followPicture(req, port, command, args, ctx);
    const now = this.deps.clock();
    const question = answer.query || Object.values(args).join(" ");
    if (quick && sent?.replyThread) {
      // A reply to the bot's answer continues the same chain: it gets no second quick answer either.
      await this.deps.storage.claim(threadClaimKey(req, sent.replyThread), now, retentionMs(this.deps.config)).catch((err: unknown) => this.unavailable(err, "quick-answer chain claim", undefined));
    }
    if (answerId && this.refs.due(answerId, now)) await this.refs.remember({ id: answerId, platform: req.key.platform, workspace: req.key.workspace, channel: req.key.channel, owner: req.actor.id, command, args, question, recordIds: recordIds(answer), at: now });
    if (answer.kind === "no-answer") await this.deps.storage.recordUnanswered(req.key.platform, question, now).catch((err: unknown) => this.unavailable(err, "unanswered log", undefined));
  }

  /** Share: the same answer again, posted for everyone. */
  private async share(req: InboundRequest, port: ReplyPort, answerId: string): Promise<Result> {
    const ref = await answerRefAt(this.deps.storage, req.key, answerId).catch((err: unknown) => this.unavailable(err, "share", null));
    if (ref === null) {
      await port.notice(DATABASE_UNREACHABLE_TEXT);
      return { outcome: "unavailable", command: "share" };
    }
    if (!ref) {
      await port.notice(TOO_OLD_TEXT);
      return { outcome: "unknown-answer", command: "share" };
    }
    const ctx = this.queryContext(req);
    const answer = this.deps.core().run(ref.command, ref.args, ctx);
    const picture = Boolean(this.pictures && isChartable(answer));
    await port.answer(answer, { answerId, shared: true, ...(picture ? { picture } : {}) });
    // a shared timeline is seen by everyone: its picture follows it there
    if (picture) this.followPicture(req, port, ref.command, ref.args, ctx);
    return { outcome: answer.kind, command: "share" };
  }

  /** After a timeline's reply went out: its picture follows on its own time, where the port can attach one. */
  private followPicture(req: InboundRequest, port: ReplyPort, command: string, args: Record<string, string>, ctx: QueryContext): void {
    if (!this.pictures || !port.picture) return;
    const drawn = this.pictures.answerFor(command, args, ctx);
    if (drawn) this.pictures.follow(drawn, (p) => port.picture!(p), { platform: req.key.platform, via: req.via, command });
  }

  /** Feedback: a vote recorded against the answer's record ids. */
  private async vote(req: InboundRequest, port: ReplyPort, answerId: string, vote: Vote): Promise<Result> {
    let outcome: "recorded" | "unknown" | "unsaved";
    try {
      const ref = await answerRefAt(this.deps.storage, req.key, answerId);
      if (!ref) outcome = "unknown";
      else {
        // one vote per person and answer: a replayed or repeated press replaces the earlier one
        await this.deps.storage.recordFeedback({ ...req.key, user: req.actor.id, question: ref.question, vote, recordIds: ref.recordIds, at: this.deps.clock(), answerId });
        outcome = "recorded";
      }
    } catch (err) {
      this.unavailable(err, "feedback vote", undefined);
      outcome = "unsaved";
    }
    await port.notice(outcome === "recorded" ? VOTE_THANKS[vote] : outcome === "unsaved" ? VOTE_UNSAVED_TEXT : TOO_OLD_TEXT);
    return { outcome, command: vote };
  }

  /**
   * The answer cache hands out one Answer object per distinct question (same command and options), so its reference
   * id is worked out once per answer and place (platform, workspace, channel).
   */
  private readonly ids = new WeakMap<Answer, Map<string, string>>();
  private answerIdFor(where: ChannelKey, command: string, args: Record<string, string>, answer: Answer): string {
    let byPlace = this.ids.get(answer);
    if (!byPlace) this.ids.set(answer, (byPlace = new Map()));
    // one popular cached answer asked in many channels: keep the memo small
    if (byPlace.size >= 256) byPlace.clear();
    const key = JSON.stringify([where.platform, where.workspace, where.channel, command]);
    let id = byPlace.get(key);
    if (!id) byPlace.set(key, (id = answerRefId(where, command, args, this.deps.core().kb.version)));
    return id;
  }

  private actionScope(req: InboundRequest): ActionScope {
    return { deps: this.deps, key: req.key, queryContext: this.queryContext(req), pictures: this.pictures, unavailable: (err, what, fallback) => this.unavailable(err, what, fallback) };
  }

  private queryContext(req: Pick<InboundRequest, "key" | "timeZone">) {
    return { now: this.deps.clock(), timeZone: req.timeZone ?? this.deps.config.DEFAULT_TZ, commands: specsFor(req.key.platform as Surface) };
  }

  /** A storage step that failed: logs it (codes only) and returns what the caller carries on with; other errors propagate. */
  private unavailable<T>(err: unknown, what: string, fallback: T): T {
    if (!isStorageUnavailable(err)) throw err;
    this.deps.logger.warn({ code: err.driverCode, what }, "storage unavailable; carrying on without it");
    return fallback;
  }
}

export const createPipeline = (deps: AppDeps, opts?: PipelineOptions) => new Pipeline(deps, opts);
