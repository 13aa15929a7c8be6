// Text commands ("timeline trainium", "compare trainium vs tpu") for the console, Slack and mentions. The first
// word names a command of the given list; its own parser reads the rest. Anything else is a question for `ask`.
import { CORE_COMMANDS } from "./registry.js";
import type { CommandSpec, TextParser } from "./spec.js";

/** What the parser needs of a command: core and app commands both have this shape. */
export interface ParsableCommand {
  readonly spec: CommandSpec;
  readonly parse: TextParser;
}

export interface ParsedCommand<C extends ParsableCommand = ParsableCommand> {
  command: C;
  /** option values by name */
  args: Record<string, string>;
  /** the text after the command name, trimmed */
  rest: string;
}

/** Input that names no command is a question for this one. */
export const DEFAULT_COMMAND = "ask";

export function parseCommandText<C extends ParsableCommand>(input: string, commands: readonly C[]): ParsedCommand<C>;
export function parseCommandText(input: string): ParsedCommand;
export function parseCommandText(input: string, commands: readonly ParsableCommand[] = CORE_COMMANDS): ParsedCommand {
  const text = input.trim();
  const [first = "", ...tail] = text.split(/\s+/);
  const command = commands.find((c) => c.spec.name === first.toLowerCase());
  if (!command) {
    const ask = commands.find((c) => c.spec.name === DEFAULT_COMMAND);
    if (!ask) throw new Error(`the command list has no "${DEFAULT_COMMAND}" command`);
    return { command: ask, args: { question: text }, rest: text };
  }
  const rest = tail.join(" ");
  return { command, args: command.parse(rest), rest };
}
