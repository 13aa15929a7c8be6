import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runConsole } from "../../src/adapters/console/index.js";
import { renderConsole } from "../../src/adapters/console/render.js";
import type { Core } from "../../src/core/types.js";
import { shippedCore } from "../helpers/shipped-kb.js";

const core = shippedCore();
const clock = () => new Date("2026-11-25T12:00:00Z");

async function session(lines: string | string[], opts: { interactive?: boolean; core?: () => Core } = {}): Promise<string> {
  const output = new PassThrough();
  let text = "";
  output.on("data", (c: Buffer) => (text += c.toString("utf8")));
  await runConsole({ core: opts.core ?? (() => core), input: Readable.from(typeof lines === "string" ? [lines] : lines), output, clock, interactive: opts.interactive ?? false });
  return text;
}

describe("runConsole on piped input", () => {
  it("answers each line, separated by a blank line, and ends at end of input", async () => {
    const out = await session("when was trainium announced?\ntimeline trainium\n");
    const expected = ["when was trainium announced?", "timeline trainium"].map((q) => renderConsole(core.handleText(q, { now: clock() })) + "\n\n").join("");
    expect(out).toBe(expected);
    expect(out.startsWith("AWS Trainium announced: 2020\n")).toBe(true);
  });

  it("stops at exit typed as its own line and answers nothing after it", async () => {
    // one chunk per line, as a person types them (see the report: several lines in one chunk behave differently)
    const out = await session(["who makes trainium?\n", "exit\n", "when was trainium announced?\n"]);
    expect(out.length).toBeGreaterThan(0);
    expect(out).not.toContain("AWS Trainium announced: 2020");
  });

  it("prints nothing for blank lines and no greeting or prompt when not interactive", async () => {
    expect(await session("\n\n   \n")).toBe("");
  });

  it("refuses app commands and reads the core afresh for every line (a reload takes effect)", async () => {
    let calls = 0;
    const out = await session("autoanswer on\nhelp\nhelp\n", { core: () => (calls++, core) });
    expect(out).toContain("`autoanswer` changes a Slack or Discord channel's settings");
    // the core is read afresh for each line it answers (the refused command needs none)
    expect(calls).toBe(2);
  });

  it("greets and prompts when interactive", async () => {
    const out = await session("help\n", { interactive: true });
    expect(out).toContain("aistack console:");
    expect(out).toContain("aistack> ");
  });
});
