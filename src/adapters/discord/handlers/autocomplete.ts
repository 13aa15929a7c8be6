// Autocomplete cannot be deferred: answer at once with ≤25 choices whose names and values are ≤100 chars,
// from the core's entities, aliases and good questions.
import type { AutocompleteInteraction } from "discord.js";
import type { AppDeps } from "../../../app/deps.js";
import type { Choice } from "../../../core/types.js";
import { specsFor } from "../../../app/commands/list.js";
import { optionSpec } from "../commands.js";
import { clip, DISCORD_LIMITS as L } from "../limits.js";
import { neutralize } from "../render.js";

/** Clamps whatever the core returns to Discord's rules: ≤25 choices, 1–100 chars each, no duplicate values. */
export function toDiscordChoices(choices: readonly Choice[]): Choice[] {
  const out: Choice[] = [];
  const seen = new Set<string>();
  for (const c of choices) {
    const name = clip(neutralize(c.name.trim()), L.choiceName);
    const value = c.value.trim().slice(0, L.choiceValue);
    if (!name || !value || seen.has(value)) continue;
    seen.add(value);
    out.push({ name, value });
    if (out.length === L.autocompleteChoices) break;
  }
  return out;
}

export async function handleAutocomplete(deps: AppDeps, interaction: AutocompleteInteraction): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const sub = interaction.options.getSubcommand(false) ?? "";
  const core = deps.core();
  const source = optionSpec(specsFor("discord"), sub, focused.name)?.autocomplete;
  const choices = source ? core.autocomplete(source, String(focused.value ?? ""), L.autocompleteChoices) : [];
  await interaction.respond(toDiscordChoices(choices));
}
