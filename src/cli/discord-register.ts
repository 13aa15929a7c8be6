// npm run discord:register [-- --dry-run]
// Registers the /aistack command (guild when DISCORD_GUILD_ID is set, else global). --dry-run prints the exact
// JSON it would send and needs no token.
import { loadConfig } from "../config.js";
import { createDiscordRest } from "../adapters/discord/client.js";
import { inviteUrl } from "../adapters/discord/invite.js";
import { register, registrationPlan } from "../adapters/discord/register.js";

async function main(argv: string[]): Promise<number> {
  const dryRun = argv.includes("--dry-run");
  // A dry run needs no token: a placeholder satisfies the "token and application id together" rule and is never sent.
  const config = loadConfig(dryRun ? { ...process.env, DISCORD_TOKEN: "dry-run-no-token" } : process.env);
  const plan = registrationPlan(config);
  if (dryRun) {
    process.stdout.write(JSON.stringify({ method: "PUT", scope: plan.scope, route: plan.route, body: plan.body }, null, 2) + "\n");
    return 0;
  }
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    process.stderr.write("DISCORD_TOKEN and DISCORD_APPLICATION_ID are required (or use --dry-run to print the JSON).\n");
    return 2;
  }
  const count = await register(createDiscordRest(config), plan);
  process.stdout.write(`registered /aistack ${plan.scope === "guild" ? `in guild ${config.DISCORD_GUILD_ID}` : "globally (may take up to an hour to appear everywhere)"}: ${count} command(s)\n`);
  process.stdout.write(`invite the bot with: ${inviteUrl(config.DISCORD_APPLICATION_ID)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`discord:register failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
