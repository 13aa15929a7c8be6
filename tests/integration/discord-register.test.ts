// Registering /aistack against the local fake API (guild and global routes), and the README section's invite URL.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDiscordRest } from "../../src/adapters/discord/client.js";
import { buildCommands } from "../../src/adapters/discord/commands.js";
import { INVITE_PERMISSIONS, inviteUrl } from "../../src/adapters/discord/invite.js";
import { register, registrationPlan } from "../../src/adapters/discord/register.js";
import { useFakeDiscordApi } from "../helpers/discord-fake-api.js";
import { runProcess } from "../helpers/run-process.js";

const api = useFakeDiscordApi();

const APP = "123456789012345678";
const GUILD = "223456789012345678";

describe("discord:register", () => {
  it("PUTs the command JSON to the guild route when DISCORD_GUILD_ID is set, with the bot token", async () => {
    const plan = registrationPlan({ DISCORD_APPLICATION_ID: APP, DISCORD_GUILD_ID: GUILD });
    const count = await register(createDiscordRest({ DISCORD_TOKEN: "reg-token", DISCORD_API_URL: api.url }), plan);
    expect(count).toBe(1);
    const [req] = api.requests;
    expect(req!.method).toBe("PUT");
    expect(req!.path).toBe(`/applications/${APP}/guilds/${GUILD}/commands`);
    expect(req!.headers.authorization).toBe("Bot reg-token");
    expect(req!.body).toEqual(JSON.parse(JSON.stringify(buildCommands())));
  });

  it("PUTs to the global route otherwise", async () => {
    await register(createDiscordRest({ DISCORD_TOKEN: "reg-token", DISCORD_API_URL: api.url }), registrationPlan({ DISCORD_APPLICATION_ID: APP, DISCORD_GUILD_ID: undefined }));
    expect(api.requests[0]!.path).toBe(`/applications/${APP}/commands`);
  });

  it("a rejected registration surfaces Discord's error", async () => {
    api.respond(() => ({ status: 400, body: { message: "Invalid Form Body", code: 50035 } }));
    await expect(register(createDiscordRest({ DISCORD_TOKEN: "t", DISCORD_API_URL: api.url }), registrationPlan({ DISCORD_APPLICATION_ID: APP, DISCORD_GUILD_ID: GUILD }))).rejects.toThrow(/Invalid Form Body/);
  });
});

describe("invite URL", () => {
  it("asks for exactly bot + applications.commands and the six documented permissions, as the docs say", () => {
    const url = new URL(inviteUrl(APP));
    expect(url.searchParams.get("scope")).toBe("bot applications.commands");
    expect(url.searchParams.get("permissions")).toBe(String(1024 + 2048 + 16384 + 32768 + 65536 + 274877906944));
    expect(INVITE_PERMISSIONS).toBe(274878024704n);
    const docs = readFileSync(join(import.meta.dirname, "..", "..", "README.md"), "utf8");
    expect(docs).toContain(`scope=bot%20applications.commands&permissions=${INVITE_PERMISSIONS}`);
    expect(docs).toContain("npm run discord:register -- --dry-run");
    expect(docs).toMatch(/ShardingManager/);
    expect(docs).toMatch(/Message Content/);
  });
});

describe("npm run discord:register -- --dry-run on a fresh clone", () => {
  // exactly the environment `env -i PATH="$PATH" HOME="$HOME"` leaves: no Discord, Slack or database variable
  const bare = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };

  it("exits 0 and prints the command JSON with no Discord variables at all", async () => {
    const r = await runProcess("npm", ["run", "--silent", "discord:register", "--", "--dry-run"], "", bare);
    expect(r.stderr).not.toMatch(/required when/);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as { method: string; route: string; body: unknown; inviteUrl?: string };
    expect(printed.method).toBe("PUT");
    expect(printed.body).toEqual(JSON.parse(JSON.stringify(buildCommands())));
    expect(printed.inviteUrl).toBeUndefined();
  });

  it("with DISCORD_APPLICATION_ID it also prints the real route and the invite URL", async () => {
    const r = await runProcess("npm", ["run", "--silent", "discord:register", "--", "--dry-run"], "", { ...bare, DISCORD_APPLICATION_ID: APP });
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as { route: string; inviteUrl?: string };
    expect(printed.route).toBe(`/applications/${APP}/commands`);
    expect(printed.inviteUrl).toBe(inviteUrl(APP));
    expect(r.stderr).toContain(inviteUrl(APP));
  });

  it("a real registration without a token names the missing variable and exits 2", async () => {
    const r = await runProcess("npm", ["run", "--silent", "discord:register"], "", { ...bare, DISCORD_APPLICATION_ID: APP });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("DISCORD_TOKEN is required to register");
  });
});
