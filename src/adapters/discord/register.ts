// Registers `/aistack` with Discord: bulk overwrite (PUT), per guild when DISCORD_GUILD_ID is set (instant, for
// development), else globally. The body is validated against Discord's rules before anything is sent.
import { Routes, type REST, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import type { Config } from "../../config.js";
import { buildCommands, validateCommands } from "./commands.js";

export interface RegistrationPlan {
  scope: "guild" | "global";
  /** the route, e.g. /applications/{app}/guilds/{guild}/commands */
  route: `/${string}`;
  body: RESTPostAPIChatInputApplicationCommandsJSONBody[];
}

export function registrationPlan(config: Pick<Config, "DISCORD_APPLICATION_ID" | "DISCORD_GUILD_ID">): RegistrationPlan {
  const app = config.DISCORD_APPLICATION_ID ?? "{DISCORD_APPLICATION_ID}";
  const body = buildCommands();
  const problems = validateCommands(body);
  if (problems.length) throw new Error("the command registry breaks Discord's rules:\n" + problems.map((p) => `  ${p.path}: ${p.rule}`).join("\n"));
  return config.DISCORD_GUILD_ID
    ? { scope: "guild", route: config.DISCORD_APPLICATION_ID ? Routes.applicationGuildCommands(app, config.DISCORD_GUILD_ID) : `/applications/${app}/guilds/${config.DISCORD_GUILD_ID}/commands`, body }
    : { scope: "global", route: config.DISCORD_APPLICATION_ID ? Routes.applicationCommands(app) : `/applications/${app}/commands`, body };
}

/** Sends the plan; returns how many commands Discord now has at that scope. */
export async function register(rest: REST, plan: RegistrationPlan): Promise<number> {
  const result = (await rest.put(plan.route, { body: plan.body })) as unknown[];
  return Array.isArray(result) ? result.length : 0;
}
