// npm run discord:register [-- --dry-run]
// Registers the /aistack command (guild when DISCORD_GUILD_ID is set, else global). --dry-run prints the exact
// JSON it would send (and, with DISCORD_APPLICATION_ID, the invite URL) and needs no Discord variable at all.
import { existsSync } from "node:fs";
import { configSchema } from "../config.js";
import { ConfigError } from "../errors.js";
import { createDiscordRest } from "../adapters/discord/client.js";
import { inviteUrl } from "../adapters/discord/invite.js";
import { register, registrationPlan } from "../adapters/discord/register.js";

/** Only the variables this script reads: a Slack or database setting elsewhere in the environment is not its business. */
const registerSchema = configSchema.pick({ DISCORD_TOKEN: true, DISCORD_APPLICATION_ID: true, DISCORD_GUILD_ID: true, DISCORD_API_URL: true });

function readConfig(env: NodeJS.ProcessEnv) {
  const parsed = registerSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => ({ name: String(i.path[0] ?? "?"), reason: i.message })));
  return parsed.data;
}

async function main(argv: string[]): Promise<number> {
  const dryRun = argv.includes("--dry-run");
  // .env is optional, as for npm start; variables already in the environment win over it.
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = readConfig(process.env);
  const plan = registrationPlan(config);
  const invite = config.DISCORD_APPLICATION_ID ? inviteUrl(config.DISCORD_APPLICATION_ID) : undefined;
  if (dryRun) {
    // stdout stays one JSON document (pipe it to a file or jq); the invite URL is in it and, for people, on stderr
    process.stdout.write(JSON.stringify({ method: "PUT", scope: plan.scope, route: plan.route, body: plan.body, ...(invite ? { inviteUrl: invite } : {}) }, null, 2) + "\n");
    process.stderr.write(invite ? `invite the bot with: ${invite}\n` : "set DISCORD_APPLICATION_ID to see the real route and the invite URL\n");
    return 0;
  }
  const missing = (["DISCORD_TOKEN", "DISCORD_APPLICATION_ID"] as const).filter((name) => !config[name]);
  if (missing.length) {
    process.stderr.write(`${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} required to register (or use --dry-run to print the JSON).\n`);
    return 2;
  }
  const count = await register(createDiscordRest(config), plan);
  process.stdout.write(`registered /aistack ${plan.scope === "guild" ? `in guild ${config.DISCORD_GUILD_ID}` : "globally (may take up to an hour to appear everywhere)"}: ${count} command(s)\n`);
  process.stdout.write(`invite the bot with: ${invite}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(err instanceof ConfigError ? err.message + "\n" : `discord:register failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof ConfigError ? 2 : 1);
  },
);
