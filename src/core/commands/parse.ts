// Text commands ("timeline trainium", "compare trainium vs tpu") for the console, Slack and mentions.
// Anything that does not start with a command name is a question for `ask`.
import { COMMANDS, type CommandSpec } from "./registry.js";

export interface ParsedCommand {
  command: CommandSpec;
  /** option values by name; for text input the last option takes the rest of the line */
  args: Record<string, string>;
  /** the text after the command name, trimmed */
  rest: string;
}

const SPLIT_PAIR = /\s+(?:vs\.?|versus|and|with|to|against)\s+|\s*[,/|]\s*/i;

export function parseCommandText(input: string): ParsedCommand {
  const text = input.trim();
  const [first = "", ...tail] = text.split(/\s+/);
  const command = COMMANDS.find((c) => c.name === first.toLowerCase());
  if (!command) return { command: COMMANDS[0]!, args: { question: text }, rest: text };
  const rest = tail.join(" ");
  const args: Record<string, string> = {};
  if (command.name === "compare") {
    const parts = rest.split(SPLIT_PAIR).filter(Boolean);
    if (parts.length >= 2) {
      args.a = parts[0]!;
      args.b = parts.slice(1).join(" ");
    } else if (rest) args.text = rest;
  } else if (command.name === "digest") {
    Object.assign(args, parseDigestArgs(rest));
  } else if (command.options[0] && rest) {
    args[command.options[0].name] = rest;
  }
  return { command, args, rest };
}

/** "subscribe at 08:30 tz Europe/Berlin days daily topics chips,models" → named args; validation happens where they are used. */
export function parseDigestArgs(rest: string): Record<string, string> {
  const words = rest.split(/\s+/).filter(Boolean);
  const args: Record<string, string> = {};
  if (words[0]) args.action = words[0].toLowerCase();
  for (let i = 1; i < words.length; i++) {
    const key = words[i]!.toLowerCase();
    if (["at", "tz", "days", "topics"].includes(key) && words[i + 1] !== undefined) {
      args[key] = words[++i]!;
    } else {
      args.extra = [args.extra, words[i]].filter(Boolean).join(" ");
    }
  }
  return args;
}
