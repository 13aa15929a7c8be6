// The install-anywhere variables: several Slack workspaces (OAuth) checked together and never beside a bot token,
// SLACK_TOKEN_KEY's formats, Discord's public key, gateway switch and shards. Errors name variables, never values.
import { describe, expect, it } from "vitest";
import { decodeTokenKey, discordEnabled, discordGatewayEnabled, discordHttpEnabled, loadConfig, parseShards, slackMode } from "../../src/config.js";
import { ConfigError } from "../../src/errors.js";
import { clientOptions } from "../../src/adapters/discord/client.js";

const OAUTH = {
  SLACK_CLIENT_ID: "1234.5678", SLACK_CLIENT_SECRET: "client-secret-value", SLACK_STATE_SECRET: "s".repeat(40),
  SLACK_SIGNING_SECRET: "signing-secret-value", SLACK_TOKEN_KEY: "ab".repeat(32),
};

function problems(env: Record<string, string>): { name: string; reason: string }[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.variables;
  }
}

describe("Slack OAuth configuration", () => {
  it("is its own mode with all five set and no bot token", () => {
    expect(slackMode(loadConfig(OAUTH))).toBe("oauth");
    expect(slackMode(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "x" }))).toBe("single");
  });

  it("names each missing variable, the token key with its format", () => {
    const { SLACK_TOKEN_KEY: _k, SLACK_STATE_SECRET: _s, ...rest } = OAUTH;
    const found = problems(rest);
    expect(found.map((p) => p.name).sort()).toEqual(["SLACK_STATE_SECRET", "SLACK_TOKEN_KEY"]);
    expect(found.find((p) => p.name === "SLACK_TOKEN_KEY")!.reason).toMatch(/32 random bytes/);
  });

  it("refuses a bot token or an app token beside the OAuth credentials", () => {
    const names = problems({ ...OAUTH, SLACK_BOT_TOKEN: "xoxb-leaky-token", SLACK_APP_TOKEN: "xapp-leaky-token" }).map((p) => p.name);
    expect(names.sort()).toEqual(["SLACK_APP_TOKEN", "SLACK_BOT_TOKEN"]);
  });

  it("refuses a wrong token key or short state secret by name, never echoing the value", () => {
    const found = problems({ ...OAUTH, SLACK_TOKEN_KEY: "not-a-key-but-a-secret", SLACK_STATE_SECRET: "short-secret" });
    expect(found.map((p) => p.name).sort()).toEqual(["SLACK_STATE_SECRET", "SLACK_TOKEN_KEY"]);
    expect(JSON.stringify(found)).not.toMatch(/not-a-key-but-a-secret|short-secret/);
  });

  it("takes the key as 64 hex characters or base64 of 32 bytes, nothing else", () => {
    const bytes = Buffer.alloc(32, 7);
    expect(decodeTokenKey(bytes.toString("hex"))).toEqual(bytes);
    expect(decodeTokenKey(bytes.toString("base64"))).toEqual(bytes);
    expect(decodeTokenKey(bytes.toString("base64url"))).toEqual(bytes);
    expect(decodeTokenKey(Buffer.alloc(31).toString("base64"))).toBeUndefined();
    expect(decodeTokenKey("ab".repeat(31))).toBeUndefined();
  });

  it("checks the redirect URL's path", () => {
    expect(problems({ ...OAUTH, SLACK_REDIRECT_URL: "https://bot.example.com/elsewhere" }).map((p) => p.name)).toEqual(["SLACK_REDIRECT_URL"]);
    expect(problems({ ...OAUTH, SLACK_REDIRECT_URL: "https://bot.example.com/slack/oauth_redirect" })).toEqual([]);
  });
});

describe("Discord configuration", () => {
  it("serves HTTP interactions with only a public key; the gateway needs the token and can be switched off", () => {
    const http = loadConfig({ DISCORD_PUBLIC_KEY: "a".repeat(64) });
    expect([discordHttpEnabled(http), discordGatewayEnabled(http), discordEnabled(http)]).toEqual([true, false, true]);
    const both = loadConfig({ DISCORD_PUBLIC_KEY: "a".repeat(64), DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "123456789012345678" });
    expect(discordGatewayEnabled(both)).toBe(true);
    expect(discordGatewayEnabled(loadConfig({ DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "123456789012345678", DISCORD_GATEWAY: "false" }))).toBe(false);
    expect(problems({ DISCORD_PUBLIC_KEY: "abc" }).map((p) => p.name)).toEqual(["DISCORD_PUBLIC_KEY"]);
  });

  it("reads DISCORD_SHARDS as auto or ids of a total", () => {
    expect(parseShards("auto")).toEqual({ shards: "auto" });
    expect(parseShards("0-3/8")).toEqual({ shards: [0, 1, 2, 3], shardCount: 8 });
    expect(parseShards("5,4/8")).toEqual({ shards: [4, 5], shardCount: 8 });
    for (const bad of ["8/8", "3-1/8", "x/2", "1", "0/0"]) expect(parseShards(bad)).toBeUndefined();
    expect(problems({ DISCORD_SHARDS: "9/8" }).map((p) => p.name)).toEqual(["DISCORD_SHARDS"]);
  });

  it("hands the shards to the discord.js Client", () => {
    const base = { DISCORD_TOKEN: "t", DISCORD_API_URL: undefined, DISCORD_QUICK_ANSWERS: false };
    expect(clientOptions({ ...base, DISCORD_SHARDS: "2-3/4" })).toMatchObject({ shards: [2, 3], shardCount: 4 });
    expect(clientOptions({ ...base, DISCORD_SHARDS: "auto" })).toMatchObject({ shards: "auto" });
    expect(clientOptions(base)).not.toHaveProperty("shards");
  });
});
