import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import { appArgs } from "../helpers/app-command.js";
import { seedKbCache } from "../helpers/kb-cache.js";
import { runProcess } from "../helpers/run-process.js";

const scratch = mkdtempSync(join(tmpdir(), "aistack-chart-cli-"));
seedKbCache(scratch);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const env = { ...process.env, DATA_DIR: scratch, KB_DIR: "data", TZ: "UTC" };
const chart = (...args: string[]) => runProcess(process.execPath, [...appArgs("src/cli/chart.ts"), ...args], "", env);

describe("npm run chart", { timeout: 60_000 }, () => {
  it("writes the timeline's PNG (and SVG when asked), prints the answer's text and says where the picture went", async () => {
    const out = join(scratch, "amd.png");
    const svg = join(scratch, "amd.svg");
    const ask = await runProcess(process.execPath, [...appArgs("src/cli/ask.ts"), "timeline amd"], "", env);
    const r = await chart("timeline", "amd", "--out", out, "--svg", svg);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(ask.stdout);
    expect(r.stdout.split("\n")[0]).toMatch(/^Timeline: AMD(?: — |$)/);
    expect(r.stderr).toMatch(new RegExp(`^Wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(1200×\\d+ px, \\d+ events\\)\\n$`));
    const png = PNG.sync.read(readFileSync(out));
    expect(png.width).toBe(1200);
    expect(png.height).toBeGreaterThan(600);
    expect(readFileSync(svg, "utf8")).toMatch(/^<svg [^>]*width="960"/);
  });

  it("a question whose answer is not a timeline: the answer, a clear message and exit code 2, no file", async () => {
    const out = join(scratch, "not.png");
    const r = await chart("who makes trainium?", "--out", out);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("Annapurna");
    expect(r.stderr).toContain("No picture: this answer is not a timeline");
    expect(existsSync(out)).toBe(false);
  });

  it("no question: the usage and exit code 1", async () => {
    const none = await chart("--out", join(scratch, "x.png"));
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("usage: npm run --silent chart --");
  });
});
