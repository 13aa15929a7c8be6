// vitest global set-up: one warm start-up cache (DATA_DIR/cache: the validated knowledge-base snapshot and the
// WordNet thesaurus) for the whole run. Every process a test starts on a fresh DATA_DIR would otherwise validate
// data/ and build the thesaurus again (about 3 s of CPU each, dozens of times a run); tests copy this one in
// (tests/helpers/kb-cache.ts). It is made by `ask` itself, so it is exactly what a real first start writes; by the
// run's compiled build (tests/setup/build-app.ts, which runs first), whose cache keys are those of the processes
// tests start from it.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** a DATA_DIR/cache directory already holding the snapshot and thesaurus of the repository's data/ */
    warmKbCache: string;
  }
}

const ROOT = join(import.meta.dirname, "..", "..");

export default async function setup(project: TestProject): Promise<() => void> {
  const dataDir = mkdtempSync(join(tmpdir(), "aistack-warm-cache-"));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|DISCORD_|DATABASE_|KB_DIR|DATA_DIR)/.test(k)));
  const child = spawn(process.execPath, [join(project.getProvidedContext().builtApp, "src", "cli", "ask.js"), "help"], { cwd: ROOT, env: { ...env, DATA_DIR: dataDir, KB_DIR: "data" }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  const code = await new Promise<number | null>((resolve, reject) => child.on("error", reject).on("close", resolve));
  const cache = join(dataDir, "cache");
  const files = code === 0 ? readdirSync(cache) : [];
  if (!files.some((f) => f.startsWith("kb-")) || !files.some((f) => f.startsWith("thesaurus-"))) throw new Error(`ask did not write the start-up cache (exit ${code}): ${stderr.slice(-2000)}`);
  project.provide("warmKbCache", cache);
  return () => rmSync(dataDir, { recursive: true, force: true });
}
