import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { appArgs } from "../helpers/app-command.js";
import { buildCommands, orderOptions, validateCommands } from "../../src/adapters/discord/commands.js";
import { specsFor } from "../../src/app/commands/list.js";
import type { CommandSpec } from "../../src/core/commands/spec.js";

const COMMANDS = specsFor("discord");

interface Opt { type: number; name: string; description: string; required?: boolean; autocomplete?: boolean; choices?: { name: string; value: string }[]; options?: Opt[] }

/** Discord's rules, written out independently of the validator under test. */
function checkRules(node: Opt, problems: string[], path = node.name) {
  if (!/^[-_a-z0-9]{1,32}$/.test(node.name)) problems.push(`${path}: bad name`);
  if (node.description.length < 1 || node.description.length > 100) problems.push(`${path}: bad description`);
  const opts = node.options ?? [];
  if (opts.length > 25) problems.push(`${path}: too many options`);
  const leaves = opts.filter((o) => o.type !== 1 && o.type !== 2);
  const firstOptional = leaves.findIndex((o) => !o.required);
  if (firstOptional >= 0 && leaves.slice(firstOptional).some((o) => o.required)) problems.push(`${path}: required after optional`);
  if ((node.choices ?? []).length > 25) problems.push(`${path}: too many choices`);
  for (const o of opts) checkRules(o, problems, `${path}.${o.name}`);
}

// spawns the register CLI twice: generous time on a busy machine
describe("/aistack command JSON", { timeout: 60_000 }, () => {
  it("the register dry-run prints the exact JSON, without a token, and it follows Discord's rules", () => {
    const env = { ...process.env, DISCORD_TOKEN: "", DISCORD_APPLICATION_ID: "123456789012345678", DISCORD_GUILD_ID: "223456789012345678" };
    const out = execFileSync(process.execPath, [...appArgs("src/cli/discord-register.ts"), "--dry-run"], { env, encoding: "utf8" });
    const printed = JSON.parse(out) as { method: string; scope: string; route: string; body: Opt[] };
    expect(printed.method).toBe("PUT");
    expect(printed.scope).toBe("guild");
    expect(printed.route).toBe("/applications/123456789012345678/guilds/223456789012345678/commands");
    expect(printed.body).toEqual(JSON.parse(JSON.stringify(buildCommands())));
    const problems: string[] = [];
    for (const cmd of printed.body) checkRules(cmd, problems);
    expect(problems).toEqual([]);
    expect(validateCommands(printed.body)).toEqual([]);
    // global when no guild is set
    const global = JSON.parse(execFileSync(process.execPath, [...appArgs("src/cli/discord-register.ts"), "--dry-run"], { env: { ...env, DISCORD_GUILD_ID: "" }, encoding: "utf8" }));
    expect(global.scope).toBe("global");
    expect(global.route).toBe("/applications/123456789012345678/commands");
  });

  it("has one subcommand per registry command, with its options, choices and autocomplete", () => {
    const [root] = buildCommands() as unknown as Opt[];
    expect(root!.name).toBe("aistack");
    expect(root!.options!.map((o) => o.name)).toEqual(COMMANDS.map((c) => c.name));
    for (const spec of COMMANDS) {
      const sub = root!.options!.find((o) => o.name === spec.name)!;
      expect(sub.type).toBe(1);
      expect((sub.options ?? []).map((o) => o.name)).toEqual(orderOptions(spec.options).map((o) => o.name));
      for (const opt of spec.options) {
        const json = sub.options!.find((o) => o.name === opt.name)!;
        expect(json.type).toBe(3);
        expect(Boolean(json.required)).toBe(opt.required);
        if (opt.choices) expect(json.choices!.map((c) => c.value)).toEqual([...opt.choices]);
        expect(Boolean(json.autocomplete)).toBe(Boolean(opt.autocomplete && !opt.choices));
      }
    }
    const autoanswer = root!.options!.find((o) => o.name === "autoanswer")!;
    expect(autoanswer.options![0]!.choices!.map((c) => c.name)).toEqual(["on", "off", "status"]);
    for (const name of ["question", "subject", "entity", "a", "b"]) {
      expect(root!.options!.flatMap((o) => o.options ?? []).filter((o) => o.name === name).every((o) => o.autocomplete)).toBe(true);
    }
  });

  it("a command added to the registry appears without a second list; optional-first registries are reordered", () => {
    const extra: CommandSpec = {
      name: "whois", description: "Who someone is", usage: "whois <person>", examples: [], surfaces: ["discord"],
      options: [{ name: "detail", description: "More", required: false }, { name: "person", description: "A person", required: true, autocomplete: "entity" }],
    };
    const [root] = buildCommands([...COMMANDS, extra]) as unknown as Opt[];
    const sub = root!.options!.find((o) => o.name === "whois")!;
    expect(sub.options!.map((o) => o.name)).toEqual(["person", "detail"]);
    expect(validateCommands([root!])).toEqual([]);
  });

  it("the validator catches each broken rule", () => {
    const bad = [{
      name: "Bad Name", description: "", options: [
        { type: 3, name: "opt", description: "x".repeat(101), required: false },
        { type: 3, name: "req", description: "ok", required: true, autocomplete: true, choices: Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `c${i}` })) },
      ],
    }];
    const rules = validateCommands(bad).map((p) => p.rule).join("\n");
    expect(rules).toMatch(/name "Bad Name"/);
    expect(rules).toMatch(/description must be 1–100/);
    expect(rules).toMatch(/required options must come before/);
    expect(rules).toMatch(/at most 25 choices/);
    expect(rules).toMatch(/mutually exclusive/);
    const many = [{ name: "x", description: "x", options: Array.from({ length: 26 }, (_, i) => ({ type: 3, name: `o${i}`, description: "d" })) }];
    expect(validateCommands(many).map((p) => p.rule)).toContain("at most 25 options");
  });
});
