// The one explicit list of commands: the core's and the app's. Help, Slack's App Home, the Discord command JSON,
// the console and the text parser all read it, each through commandsFor(surface).
import type { CoreCommand } from "../../core/commands/core-command.js";
import { parseCommandText, type ParsedCommand } from "../../core/commands/parse.js";
import { CORE_COMMANDS } from "../../core/commands/registry.js";
import type { CommandSpec, Surface } from "../../core/commands/spec.js";
import type { Answer } from "../../core/answer.js";
import { autoanswerCommand } from "./autoanswer.js";
import { digestCommand } from "./digest.js";
import { appMessage, type AppCommand, type AppContext } from "./types.js";

export type Command = CoreCommand | AppCommand;

export const COMMANDS = [...CORE_COMMANDS, autoanswerCommand, digestCommand] as const satisfies readonly Command[];

const byName = new Map<string, Command>(COMMANDS.map((c) => [c.spec.name, c]));
export const commandByName = (name: string): Command | undefined => byName.get(name);

const bySurface = new Map<Surface, { commands: readonly Command[]; specs: readonly CommandSpec[] }>();
for (const surface of ["slack", "discord", "console"] as const) {
  const commands = COMMANDS.filter((c) => c.spec.surfaces.includes(surface));
  bySurface.set(surface, Object.freeze({ commands: Object.freeze(commands), specs: Object.freeze(commands.map((c) => c.spec)) }));
}
/** The commands a surface offers, in list order. */
export const commandsFor = (surface: Surface): readonly Command[] => bySurface.get(surface)!.commands;
/** Their specs (one frozen array per surface, so it can key caches). */
export const specsFor = (surface: Surface): readonly CommandSpec[] => bySurface.get(surface)!.specs;

/** Reads a text command against every command (so one not offered here can be named and refused). */
export const parseText = (text: string): ParsedCommand<Command> => parseCommandText(text, COMMANDS);

/** Runs an app command by name; a name that is not an app command gets a short error. */
export async function runAppCommand(name: string, args: Record<string, string>, ctx: AppContext): Promise<Answer> {
  const command = commandByName(name);
  if (command?.scope !== "app") return appMessage("error", `\`${name.slice(0, 40)}\` is not available here.`, "Type `help` to see the commands.");
  return command.run(args, ctx);
}
