// Answer quality is part of CI: `npm run eval` scores the project's question sets through the ask contract and
// fails below the floors in tests/eval/floors.json or when ranking changed without an updated top-3 snapshot.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

describe("npm run eval", () => {
  it("meets every set's floors and matches the stored top-3 snapshot", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", join(root, "src", "cli", "eval.ts")], { cwd: root, encoding: "utf8", timeout: 120_000 });
    expect(run.stdout).toMatch(/holdout-a: visible/);
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  }, 150_000);
});
