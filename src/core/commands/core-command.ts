// A core command: its spec, its handler (pure: knowledge base, args and the injected clock) and its text parser.
// Each command file defines one with coreCommand(); a spec without a handler does not compile, because `run` is
// required. App commands (they need storage) have the same shape in src/app.
import type { Answer } from "../answer.js";
import type { Engine } from "../engine.js";
import { restAsFirstOption, type CommandSpec, type TextParser } from "./spec.js";

/** What a core handler gets besides its args: the clock and zone, and the commands the asker can use (for help). */
export interface CommandContext {
  now: Date;
  timeZone?: string;
  commands: readonly CommandSpec[];
  /** which page of a long answer the asker wants (timelines); default 1 */
  page?: number;
  /** events on one page (default TIMELINE_PAGE_SIZE): a timeline's picture asks for more at once */
  pageSize?: number;
}

export type CoreHandler = (engine: Engine, args: Record<string, string>, ctx: CommandContext) => Answer;

export interface CoreCommand {
  readonly scope: "core";
  readonly spec: CommandSpec;
  readonly run: CoreHandler;
  readonly parse: TextParser;
}

/** Spec and handler required; the parser defaults to "the rest of the line is the first option". */
export function coreCommand(def: { spec: CommandSpec; run: CoreHandler; parse?: TextParser }): CoreCommand {
  return Object.freeze({ scope: "core" as const, spec: Object.freeze(def.spec), run: def.run, parse: def.parse ?? restAsFirstOption(def.spec) });
}
