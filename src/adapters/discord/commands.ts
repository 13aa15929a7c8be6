// The registry → Discord's command surface: one top-level `/aistack` command whose subcommands and options
// are built from src/core/commands/registry.ts, so a command added there appears here with no second list.
import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder, SlashCommandSubcommandBuilder, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import { specsFor } from "../../app/commands/list.js";
import type { CommandOption, CommandSpec } from "../../core/commands/spec.js";
import { clip, COMMAND_NAME_PATTERN, DISCORD_LIMITS as L } from "./limits.js";

export const ROOT_COMMAND = "aistack";
export const ROOT_DESCRIPTION = "Cited answers about clouds, AI chips, models and the deals between them";

const description = (text: string) => clip(text.trim() || "-", L.commandDescription);

/** Discord requires required options before optional ones; keep the registry's order otherwise. */
export const orderOptions = (options: readonly CommandOption[]) => [...options.filter((o) => o.required), ...options.filter((o) => !o.required)];

function subcommand(spec: CommandSpec): SlashCommandSubcommandBuilder {
  const sub = new SlashCommandSubcommandBuilder().setName(spec.name).setDescription(description(spec.description));
  for (const opt of orderOptions(spec.options).slice(0, L.commandOptions)) {
    sub.addStringOption((o) => {
      o.setName(opt.name).setDescription(description(opt.description)).setRequired(opt.required);
      // Discord forbids choices and autocomplete on the same option: fixed choices win.
      if (opt.choices?.length) o.addChoices(...opt.choices.slice(0, L.optionChoices).map((c) => ({ name: clip(c, L.choiceName), value: clip(c, L.choiceValue) })));
      else if (opt.autocomplete) o.setAutocomplete(true);
      return o;
    });
  }
  return sub;
}

/** The exact JSON sent to Discord's bulk-overwrite endpoint: an array with the one `/aistack` command. */
export function buildCommands(commands: readonly CommandSpec[] = specsFor("discord")): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const root = new SlashCommandBuilder()
    .setName(ROOT_COMMAND)
    .setDescription(ROOT_DESCRIPTION)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
  for (const spec of commands.slice(0, L.commandOptions)) root.addSubcommand(subcommand(spec));
  return [root.toJSON()];
}

/** The registry entry of a subcommand option, for autocomplete and argument mapping. */
export const optionSpec = (commands: readonly CommandSpec[], sub: string, option: string) =>
  commands.find((c) => c.name === sub)?.options.find((o) => o.name === option);

export interface RuleViolation { path: string; rule: string }

interface JsonOption { type: number; name: string; description: string; required?: boolean; autocomplete?: boolean; choices?: { name: string; value: unknown }[]; options?: JsonOption[] }

/**
 * Checks command JSON against Discord's documented rules: names `^[-_a-z0-9]{1,32}$` (lower case), descriptions 1–100,
 * at most 25 options and 25 choices (names/values ≤100), required options before optional ones, and no
 * autocomplete together with choices. Used by the register script before sending and by the tests.
 */
export function validateCommands(body: readonly { name: string; description: string; options?: unknown[] }[]): RuleViolation[] {
  const problems: RuleViolation[] = [];
  const check = (node: { name: string; description: string; options?: JsonOption[]; choices?: JsonOption["choices"]; autocomplete?: boolean }, path: string) => {
    if (!COMMAND_NAME_PATTERN.test(node.name)) problems.push({ path, rule: `name "${node.name}" must match ${COMMAND_NAME_PATTERN}` });
    if (node.description.length < 1 || node.description.length > L.commandDescription) problems.push({ path, rule: `description must be 1–${L.commandDescription} chars` });
    const options = node.options ?? [];
    if (options.length > L.commandOptions) problems.push({ path, rule: `at most ${L.commandOptions} options` });
    const names = new Set<string>();
    let seenOptional = false;
    for (const o of options) {
      if (names.has(o.name)) problems.push({ path: `${path}.${o.name}`, rule: "duplicate option name" });
      names.add(o.name);
      const leaf = o.type !== 1 && o.type !== 2;
      if (leaf && !o.required) seenOptional = true;
      else if (leaf && o.required && seenOptional) problems.push({ path: `${path}.${o.name}`, rule: "required options must come before optional ones" });
      check(o, `${path}.${o.name}`);
    }
    const choices = node.choices ?? [];
    if (choices.length > L.optionChoices) problems.push({ path, rule: `at most ${L.optionChoices} choices` });
    for (const c of choices) {
      if (c.name.length < 1 || c.name.length > L.choiceName) problems.push({ path, rule: `choice name "${c.name}" must be 1–${L.choiceName} chars` });
      if (typeof c.value === "string" && (c.value.length < 1 || c.value.length > L.choiceValue)) problems.push({ path, rule: `choice value must be 1–${L.choiceValue} chars` });
    }
    if (choices.length && node.autocomplete) problems.push({ path, rule: "autocomplete and choices are mutually exclusive" });
  };
  for (const cmd of body) check(cmd as Parameters<typeof check>[0], cmd.name);
  return problems;
}
