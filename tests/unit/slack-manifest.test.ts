// The manifest and the code must agree: the command the app listens for, the events its listeners need,
// the scopes those events require, and the registry's commands in the usage hint.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SLASH_COMMAND } from "../../src/adapters/slack/home.js";
import { specsFor } from "../../src/app/commands/list.js";
import { BOT_SCOPES } from "../../src/adapters/slack/scopes.js";

interface Manifest {
  features: { app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean }; slash_commands: { command: string; usage_hint: string; description: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

const manifest = parse(readFileSync("slack/manifest.yaml", "utf8")) as Manifest;

describe("slack/manifest.yaml", () => {
  it("declares the slash command the app listens for, with every registry command in its usage hint", () => {
    const [cmd, ...rest] = manifest.features.slash_commands;
    expect(rest).toHaveLength(0);
    expect(cmd!.command).toBe(SLASH_COMMAND);
    for (const c of specsFor("slack").filter((c) => c.name !== "ask")) expect(cmd!.usage_hint).toContain(c.name);
    expect(cmd!.usage_hint.length).toBeLessThanOrEqual(1000);
    expect(cmd!.description.length).toBeLessThanOrEqual(100);
  });

  it("subscribes to the events the listeners handle, with the scopes they need", () => {
    const events = manifest.settings.event_subscriptions.bot_events;
    const scopes = manifest.oauth_config.scopes.bot;
    const needs: Record<string, string> = {
      app_mention: "app_mentions:read",
      "message.im": "im:history",
      "message.channels": "channels:history",
      "message.groups": "groups:history",
      app_home_opened: "",
      app_uninstalled: "",
      tokens_revoked: "",
    };
    expect([...events].sort()).toEqual(Object.keys(needs).sort());
    for (const scope of Object.values(needs).filter(Boolean)) expect(scopes).toContain(scope);
    for (const scope of ["commands", "chat:write", "users:read", "files:write", "im:write"]) expect(scopes).toContain(scope);
  });

  it("asks for exactly the bot scopes the OAuth install link carries", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
  });

  it("turns on interactivity (Share and feedback buttons), the Home tab, and Socket Mode by default", () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
