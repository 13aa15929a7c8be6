import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { appArgs } from "../helpers/app-command.js";
import { FIXTURE_KB_DIR } from "../helpers/digest-fakes.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

function digest(...args: string[]) {
  // No tokens in the environment: the dry run must not need any.
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };
  // one node process, as the npm scripts run it (from the run's compiled build of src/)
  const r = spawnSync(process.execPath, [...appArgs("src/cli/digest.ts"), ...args], { cwd: root, env, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// each case spawns the CLI: generous time on a busy machine
describe("npm run digest -- --dry-run", { timeout: 60_000 }, () => {
  it("prints the plain-text digest for a date without any token", () => {
    const r = digest("--dry-run", "--date", "2025-06-16", "--channel", "C1", "--data", FIXTURE_KB_DIR);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const lines = r.out.split("\n");
    expect(lines[0]).toBe("aistack daily digest · Monday 16 June 2025");
    // the text gives its own date, so none goes in front of it (answer.ts, saysDate)
    expect(r.out).toContain("\nOn this day\n- Acme announced the Zeta training chip on 16 June 2023.\n");
    expect(r.out).toContain("\nFact of the day\n- ");
    expect(r.out).toContain("\nTry asking\n- /aistack ask ");
    expect(r.out).toContain("Sources: example.com");
  });

  it("prints the Answer as JSON with --json, the same digest as the text", () => {
    const text = digest("--dry-run", "--date", "2025-06-19", "--since", "2025-06-11", "--data", FIXTURE_KB_DIR);
    const json = digest("--dry-run", "--date", "2025-06-19", "--since", "2025-06-11", "--json", "--data", FIXTURE_KB_DIR);
    expect(json.code).toBe(0);
    const answer = JSON.parse(json.out) as { kind: string; fallbackText: string; sections: { heading: string }[] };
    expect(answer.kind).toBe("digest");
    expect(answer.fallbackText + "\n").toBe(text.out);
    expect(answer.sections.map((s) => s.heading)).toContain("New since your last digest: 6 records");
  });

  it("--days N prints one JSON line per day, history carried: 60 days with no On-this-day set two days running", () => {
    const r = digest("--dry-run", "--date", "2027-03-01", "--days", "60", "--channel", "C1");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const days = r.out.trim().split("\n").map((l) => JSON.parse(l) as { date: string; onThisDay: string[]; factOfDay: string | null; tryAsking: string | null });
    expect(days).toHaveLength(60);
    expect(Object.keys(days[0]!)).toEqual(["date", "onThisDay", "factOfDay", "tryAsking"]);
    expect(days.at(-1)!.date).toBe("2027-04-29");
    for (let i = 1; i < days.length; i++) expect(days[i]!.onThisDay.join(","), days[i]!.date).not.toBe(days[i - 1]!.onThisDay.join(","));
    // the facts of the day already shown are carried, as the scheduler carries them: no repeat
    expect(new Set(days.map((d) => d.factOfDay)).size).toBe(60);
    expect(days.every((d) => typeof d.tryAsking === "string")).toBe(true);
  });

  it("refuses a missing --dry-run or a bad date, with usage", () => {
    const noDry = digest("--date", "2025-06-16", "--data", FIXTURE_KB_DIR);
    expect(noDry.code).toBe(2);
    expect(noDry.err).toContain("only --dry-run is supported");
    const bad = digest("--dry-run", "--date", "2025-13-01", "--data", FIXTURE_KB_DIR);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--date must be a calendar day YYYY-MM-DD");
    expect(bad.err).toContain("usage: npm run digest");
    const days = digest("--dry-run", "--date", "2025-06-16", "--days", "0", "--data", FIXTURE_KB_DIR);
    expect(days.code).toBe(2);
    expect(days.err).toContain("--days must be a whole number from 1 to 3660");
    const topic = digest("--dry-run", "--date", "2025-06-16", "--topics", "crypto", "--data", FIXTURE_KB_DIR);
    expect(topic.code).toBe(2);
    expect(topic.err).toContain("unknown topic(s) crypto");
  });
});
