// `ask --json --stdin` over generated input (seeded): every input line, whatever it holds and however it ends
// (LF, CRLF, lone CR, none at the end), gives exactly one JSON line in the contract shape, in order. The fixed
// cases (blank, binary-looking, 10,000 characters, CRLF) are in tests/integration/cli-ask.test.ts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { appArgs } from "../helpers/app-command.js";
import { seedKbCache } from "../helpers/kb-cache.js";
import { hostileText } from "./arbitraries.js";
import { runProcess } from "../helpers/run-process.js";

// its own DATA_DIR with the run's warm start-up cache, instead of the checkout's var/ (cold on a fresh clone)
const scratch = mkdtempSync(join(tmpdir(), "aistack-cli-property-"));
seedKbCache(scratch);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const runAsk = (input: Buffer) =>
  runProcess(process.execPath, [...appArgs("src/cli/ask.ts"), "--json", "--stdin"], input, { ...process.env, KB_DIR: "data", DATA_DIR: scratch, LOG_LEVEL: "silent", NO_COLOR: "1" });

describe("ask --json --stdin over generated input", { timeout: 120_000 }, () => {
  it("one JSON line per input line for any mix of content and line ends", async () => {
    // lines hold anything but line breaks; bytes lines are raw, possibly invalid UTF-8
    const line = fc.oneof(
      hostileText(200).map((s) => Buffer.from(s.replace(/[\r\n]/g, " "), "utf8")),
      fc.uint8Array({ maxLength: 80 }).map((b) => Buffer.from(b.filter((x) => x !== 0x0a && x !== 0x0d))),
      fc.constant(Buffer.from("x".repeat(200_000))),
      fc.constant(Buffer.alloc(0)),
    );
    const ending = fc.constantFrom("\n", "\r\n", "\r");
    const [lines, endings, trailing] = fc.sample(fc.tuple(fc.array(line, { minLength: 40, maxLength: 40 }), fc.array(ending, { minLength: 40, maxLength: 40 }), fc.boolean()), { numRuns: 1, seed: 7 })[0]!;
    const parts: Buffer[] = [];
    lines.forEach((l, i) => {
      parts.push(l);
      if (i < lines.length - 1 || trailing) parts.push(Buffer.from(endings[i]!));
    });
    // a lone CR right before an LF would read as CRLF: the generated ends are the only line breaks
    const input = Buffer.concat(parts);
    const expected = input.toString("utf8").split(/\r\n|\n|\r/).length - (trailing ? 1 : 0);

    const { code, stdout, stderr } = await runAsk(input);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const out = stdout.split("\n");
    expect(out.pop()).toBe(""); // ends with a newline
    expect(out).toHaveLength(expected);
    for (const l of out) {
      const j = JSON.parse(l) as Record<string, unknown>;
      expect(Object.keys(j).sort()).toEqual(["answered", "kind", "query", "results", "text"]);
      expect(String(j.text).length).toBeGreaterThan(0);
    }
  });
});
