// Commands as modules: one explicit list (core + app), each entry a spec with its handler and parser; every
// surface's list, help and parser read it. A spec without a handler does not compile (checked by tsc below).
import { describe, expect, it } from "vitest";
import { COMMANDS, commandsFor, parseText, specsFor } from "../../src/app/commands/list.js";
import { appCommand } from "../../src/app/commands/types.js";
import { coreCommand } from "../../src/core/commands/core-command.js";
import { CORE_COMMANDS } from "../../src/core/commands/registry.js";
import type { CommandSpec } from "../../src/core/commands/spec.js";

const spec: CommandSpec = { name: "whois", description: "Who someone is", usage: "whois <person>", examples: ["whois jassy"], options: [], surfaces: ["slack"] };

describe("command modules", () => {
  it("a spec without a handler is a type error", () => {
    // @ts-expect-error: `run` is required
    expect(() => coreCommand({ spec })).not.toThrow();
    // @ts-expect-error: `run` is required
    expect(() => appCommand({ spec })).not.toThrow();
  });

  it("one list: every core command, then the app's; names unique; each has a handler and a parser", () => {
    expect(COMMANDS.slice(0, CORE_COMMANDS.length)).toEqual(CORE_COMMANDS);
    expect(COMMANDS.map((c) => c.spec.name)).toEqual(["ask", "timeline", "about", "compare", "sources", "help", "autoanswer", "digest"]);
    for (const c of COMMANDS) {
      expect(typeof c.run, c.spec.name).toBe("function");
      expect(typeof c.parse, c.spec.name).toBe("function");
    }
  });

  it("each surface offers its own commands; the console has no channel settings", () => {
    expect(specsFor("console").map((s) => s.name)).toEqual(["ask", "timeline", "about", "compare", "sources", "help"]);
    expect(specsFor("slack").map((s) => s.name)).toEqual(COMMANDS.map((c) => c.spec.name));
    expect(commandsFor("discord").map((c) => c.spec)).toEqual(specsFor("discord"));
  });

  it("text parsing uses each command's own parser", () => {
    expect(parseText("compare trainium vs tpu")).toMatchObject({ command: { spec: { name: "compare" } }, args: { a: "trainium", b: "tpu" } });
    expect(parseText("digest subscribe at 9:00 tz UTC")).toMatchObject({ command: { spec: { name: "digest" } }, args: { action: "subscribe", at: "9:00", tz: "UTC" } });
    expect(parseText("timeline aws 2024")).toMatchObject({ command: { spec: { name: "timeline" } }, args: { subject: "aws 2024" } });
    expect(parseText("who makes trainium?")).toMatchObject({ command: { spec: { name: "ask" } }, args: { question: "who makes trainium?" } });
  });
});
