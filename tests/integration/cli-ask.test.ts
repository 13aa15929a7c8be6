import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { seedKbCache } from "../helpers/kb-cache.js";
import { appArgs, npmStartArgs } from "../helpers/app-command.js";
import { runProcess } from "../helpers/run-process.js";

const scratch = mkdtempSync(join(tmpdir(), "aistack-cli-"));
seedKbCache(scratch);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The environment without any platform token (and empty ones, so a local .env cannot add them back). */
function tokenFreeEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|DISCORD_)/.test(k)));
  return { ...env, SLACK_BOT_TOKEN: "", SLACK_APP_TOKEN: "", SLACK_SIGNING_SECRET: "", DISCORD_TOKEN: "", DATA_DIR: scratch, KB_DIR: "data", LOG_LEVEL: "silent", NO_COLOR: "1" };
}

// one node process, as the npm scripts run them (from the run's compiled build of src/; npx tsx would add a launcher)
const run = ([entry, ...args]: string[], input: string) => runProcess(process.execPath, [...appArgs(entry!), ...args], input, tokenFreeEnv());

interface ContractLine {
  query: string;
  answered: boolean;
  kind: string;
  text: string;
  results: { id: string; kind: string; title: string; text: string; date: string | null; score: number; sources: string[] }[];
}

describe("ask --json --stdin", { timeout: 90_000 }, () => {
  const lines = [
    "when was trainium announced?",
    "",
    "\u0000\u0001ÿþ",
    "🤖🚀 who makes trainium? 🚀",
    "متى أعلنت أمازون عن ترينيوم؟",
    "x".repeat(10_000),
    "how do I bake sourdough bread?",
    "timeline trainium",
    "   ",
    "help",
  ];

  it("writes exactly one JSON line per input line, in order, each in the contract shape", async () => {
    const { code, stdout, stderr } = await run(["src/cli/ask.ts", "--json", "--stdin"], lines.join("\n") + "\n");
    expect(stderr).not.toMatch(/error|exception/i);
    expect(code).toBe(0);
    expect(stdout.endsWith("\n")).toBe(true);
    const out = stdout.slice(0, -1).split("\n");
    expect(out).toHaveLength(lines.length);
    const parsed = out.map((l) => JSON.parse(l) as ContractLine);
    parsed.forEach((p, i) => {
      expect(Object.keys(p).sort(), `line ${i}`).toEqual(["answered", "kind", "query", "results", "text"]);
      expect(p.query, `line ${i}`).toBe(lines[i]);
      expect(typeof p.answered).toBe("boolean");
      expect(typeof p.text).toBe("string");
      expect(p.text.length).toBeGreaterThan(0);
      expect(Array.isArray(p.results)).toBe(true);
      for (const r of p.results) {
        expect(Object.keys(r).sort()).toEqual(["date", "id", "kind", "score", "sources", "text", "title"]);
        expect(["fact", "entity", "conflict"]).toContain(r.kind);
        expect(r.date === null || typeof r.date === "string").toBe(true);
      }
    });

    expect(parsed[0]).toMatchObject({ answered: true, kind: "fact" });
    expect(parsed[0]!.results[0]).toMatchObject({ id: "trainium-announced-2020", date: "2020" });
    expect(parsed[1]).toMatchObject({ kind: "help", results: [] });
    expect(parsed[5]).toMatchObject({ answered: false, kind: "error", results: [] });
    expect(parsed[5]!.text.length).toBeLessThan(300);
    expect(parsed[6]).toMatchObject({ answered: false, kind: "no-answer", results: [] });
    expect(parsed[7]!.kind).toBe("timeline");
    expect(parsed[7]!.results.length).toBeGreaterThan(0);
    expect(parsed[8]!.kind).toBe("help");
    expect(parsed[9]).toMatchObject({ kind: "help", answered: true, results: [] });
  });

  it("treats CRLF line ends as one line break", async () => {
    const { code, stdout } = await run(["src/cli/ask.ts", "--json", "--stdin"], "help\r\nsources\r\n");
    expect(code).toBe(0);
    const out = stdout.trim().split("\n").map((l) => JSON.parse(l) as ContractLine);
    expect(out.map((o) => [o.query, o.kind])).toEqual([
      ["help", "help"],
      ["sources", "sources"],
    ]);
  });

  it("without --stdin answers the arguments once, as plain text or JSON", async () => {
    const text = await run(["src/cli/ask.ts", "when", "was", "trainium", "announced?"], "");
    expect(text.code).toBe(0);
    expect(text.stdout.split("\n")[0]).toBe("AWS Trainium announced: 2020");
    const json = await run(["src/cli/ask.ts", "--json", "when was trainium announced?"], "");
    expect(json.code).toBe(0);
    const lines = json.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ query: "when was trainium announced?", answered: true, kind: "fact" });
  });
});

describe("npm start without platform tokens: the console", { timeout: 90_000 }, () => {
  it("answers piped questions and exits 0 on exit", async () => {
    const { code, stdout, stderr } = await run(["src/main.ts"], "who makes trainium?\nexit\n");
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/error|exception/i);
    expect(stdout).not.toContain("aistack> ");
    const first = stdout.split("\n")[0]!;
    expect(first.length).toBeGreaterThan(0);
    expect(first).not.toMatch(/don't have that/);
    expect(stdout).toMatch(/Trainium|Annapurna/);
    expect(stdout).toMatch(/^Sources:$/m);
  });

  it("exits 0 at end of input without exit (started exactly as `npm start` runs it)", async () => {
    const { code, stdout } = await runProcess(process.execPath, npmStartArgs(), "help\n", tokenFreeEnv());
    expect(code).toBe(0);
    expect(stdout.split("\n")[0]).toBe("aistack answers questions about the AI industry stack");
  });

  it("exits 1 and lists the problems when the knowledge base is broken", async () => {
    const child = await runProcess(process.execPath, appArgs("src/main.ts"), "help\n", { ...tokenFreeEnv(), KB_DIR: "tests/fixtures/kb-broken/unknown-entity" });
    expect(child.code).toBe(1);
    expect(child.stderr).toContain('unknown-entity/facts.yaml: ghost-announced: subject: unknown entity "ghost"');
  });
});
