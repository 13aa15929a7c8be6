import type { KnowledgeBase } from "../kb/types.js";
import type { Answer } from "./answer.js";
import type { AutocompleteSource, CommandSpec } from "./commands/spec.js";

/** What the core needs from the outside world: the clock is injected, never read. */
export interface QueryContext {
  now: Date;
  /** IANA zone for relative dates ("last year"); default UTC */
  timeZone?: string;
  /** the commands the asker can use, for help (default: the core's own) */
  commands?: readonly CommandSpec[];
  /** which page of a long answer (timelines): 1 = the first; set by run() from a `page` arg or a trailing "page N" */
  page?: number;
  /** events on a page of a long answer (default TIMELINE_PAGE_SIZE); set by run() from a `pageSize` arg */
  pageSize?: number;
}

export interface Choice {
  /** shown to the user, ≤100 chars */
  name: string;
  /** sent back as the option value, ≤100 chars */
  value: string;
}

export interface Core {
  readonly kb: KnowledgeBase;
  /** the core commands' specs */
  readonly commands: readonly CommandSpec[];
  /** Runs a core command by name with named args (Discord options, parsed text). Other names give an error answer. */
  run(name: string, args: Record<string, string>, ctx: QueryContext): Answer;
  /** Parses "timeline trainium" / "compare a vs b" / a plain question and answers it. */
  handleText(text: string, ctx: QueryContext): Answer;
  ask(question: string, ctx: QueryContext): Answer;
  /** ≤limit (default 25) choices, names and values ≤100 chars, for Discord autocomplete and the console. */
  autocomplete(source: AutocompleteSource, partial: string, limit?: number): Choice[];
  /**
   * For unprompted quick answers in team channels: an answer only when the message reads as a question
   * about something in the knowledge base and the core is confident; otherwise undefined.
   */
  quickAnswer(message: string, ctx: QueryContext): Answer | undefined;
}
