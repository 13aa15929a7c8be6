// The neutral request every adapter builds from a platform event, and the small reply port it hands over with it.
// Adapters only translate; the pipeline (pipeline.ts) decides everything else, the same way for every platform.
import type { Answer } from "../core/answer.js";
import type { ChannelKey, Vote } from "../storage/types.js";
import type { Actor } from "./commands/types.js";
import type { AnswerPicture } from "./pictures.js";

/** How the request arrived, for the log: slash (Slack), command (Discord), mention, dm, quick, console, and the answer buttons share, feedback, more, suggest, picture. */
export type Via = "slash" | "command" | "mention" | "dm" | "quick" | "console" | "share" | "feedback" | "more" | "suggest" | "picture";

export type RequestInput =
  /** a text command or question: "timeline trainium", "how much did Amazon invest?" */
  | { kind: "text"; text: string }
  /** a command with named options (Discord subcommands) */
  | { kind: "command"; name: string; args: Record<string, string> }
  /** an unprompted channel message: answered only when quick answers are on and the core is confident; `thread` keys "never twice here" */
  | { kind: "quick"; text: string; thread: string }
  | { kind: "share"; answerId: string }
  | { kind: "vote"; answerId: string; vote: Vote }
  /** Show more: another page of the answer, replacing the message the button is on */
  | { kind: "more"; answerId: string; page: number }
  /** Suggest for the knowledge base: the refused question noted for the knowledge base's editors */
  | { kind: "suggest"; answerId: string }
  /** Show as picture: the answer's timeline picture, sent to the asker privately (where the reply could not carry it) */
  | { kind: "picture"; answerId: string };

export interface ActorFacts {
  isWorkspaceAdmin: boolean;
  timeZone?: string;
}

export interface InboundRequest {
  /** where settings live: platform, workspace and the channel (a Discord thread uses its parent's) */
  key: ChannelKey;
  via: Via;
  actor: Actor;
  /** ids that are unique across the platform, for rate limits (Slack's qualified by team) */
  rateSubject: { user: string; channel: string };
  input: RequestInput;
  /** the platform's delivery id (Slack event id, Discord message id): claimed once, so a retry or replay gets no second reply */
  delivery?: { key: string; ttlMs: number; redelivered?: boolean };
  /** the user's time zone when the event carries it */
  timeZone?: string;
  /** looks up the actor facts a command declares (Slack: users.info); made only for commands that need them */
  lookupActor?: () => Promise<ActorFacts>;
  /** when the adapter received the event (ms, Date.now()), for the request log */
  receivedAt: number;
}

export interface ReplyOptions {
  /** the answer's reference: buttons carry it */
  answerId?: string;
  /** an unprompted quick answer: short form */
  quick?: boolean;
  /** posted visibly for everyone, attributed to the actor who shared it */
  shared?: boolean;
  /**
   * the answer is a timeline with a picture: a port with picture() gets it after this reply; one without (Slack's
   * ephemeral slash-command reply, which cannot carry a file) offers a "Show as picture" button instead
   */
  picture?: boolean;
}

/** What the adapter sends for the pipeline, rendered its platform's way. */
export interface ReplyPort {
  /** replies show Share and feedback buttons, so the pipeline keeps an answer reference for them */
  readonly buttons: boolean;
  /** the platform shows an error unless every request gets a visible response (Discord interactions) */
  readonly mustRespond: boolean;
  /** sends an answer; `replyThread` names the thread key replies to the sent message will arrive under, if any */
  answer(answer: Answer, opts: ReplyOptions): Promise<{ replyThread?: string } | void>;
  /**
   * replaces the message the pressed button is on with this answer, in place (Slack: response_url with
   * replace_original; Discord: interaction.update). Ports that show no buttons have none; Show more then sends a new reply.
   */
  replace?(answer: Answer, opts: ReplyOptions): Promise<void>;
  /**
   * the answer's picture, after the text reply went out (off the request's critical path): attached to the reply just
   * sent (Slack: a file in the same conversation and thread; Discord: the image of the reply's embed, by editing it),
   * or for a "Show as picture" press, sent to the asker privately. Rejects when it could not be sent.
   */
  picture?(picture: AnswerPicture): Promise<void>;
  /** a short private notice (rate limited, too old to share, vote recorded) */
  notice(text: string): Promise<void>;
  /** nothing to say: acknowledges silently where the platform expects it */
  silent(): Promise<void>;
}
