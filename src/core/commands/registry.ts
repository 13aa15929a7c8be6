// The explicit list of core commands (an array, not folder scanning). The app adds its own commands to it
// (src/app/commands/list.ts); every surface's command list, help and parser is built from that combined list.
import { aboutCommand } from "./about.js";
import { askCommand } from "./ask.js";
import { compareCommand } from "./compare.js";
import type { CoreCommand } from "./core-command.js";
import { helpCommand } from "./help.js";
import { sourcesCommand } from "./sources.js";
import { timelineCommand } from "./timeline.js";

export const CORE_COMMANDS = [askCommand, timelineCommand, aboutCommand, compareCommand, sourcesCommand, helpCommand] as const satisfies readonly CoreCommand[];

/** The specs of the core commands: what the core lists in help when the caller gives no list of its own. */
export const CORE_SPECS = CORE_COMMANDS.map((c) => c.spec);

const byName = new Map<string, CoreCommand>(CORE_COMMANDS.map((c) => [c.spec.name, c]));
export const coreCommandByName = (name: string): CoreCommand | undefined => byName.get(name);

export type { AutocompleteSource, CommandOption, CommandSpec, Surface } from "./spec.js";
