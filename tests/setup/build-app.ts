// vitest global set-up: the current src/ compiled once per run (esbuild, type-stripping only: tsc checks types
// separately) into a temp dir, for the child processes tests start. Under `node --import tsx` every child
// resolves and loads each module through tsx's hooks again (about 0.8 s of CPU a start, well over a hundred starts
// a run); `node <build>/src/main.js` runs the same code without them. Built afresh every run from the working
// tree, so it is never stale. `npm start`'s own command (`node --import tsx src/main.ts`) stays covered by the
// tests that run it as written (tests/helpers/app-command.ts: `asNpmStart`).
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSync } from "esbuild";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** a directory holding `src/` compiled to JavaScript (same layout, `.js` for `.ts`), with the repository's node_modules */
    builtApp: string;
  }
}

const ROOT = join(import.meta.dirname, "..", "..");
const SRC = join(ROOT, "src");

export default function setup(project: TestProject): () => void {
  const out = mkdtempSync(join(tmpdir(), "aistack-build-"));
  const files = readdirSync(SRC, { recursive: true, encoding: "utf8" });
  buildSync({
    entryPoints: files.filter((f) => f.endsWith(".ts")).map((f) => join(SRC, f)),
    outdir: join(out, "src"),
    outbase: SRC,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "error",
  });
  // The worker scripts (plain .mjs) and the Postgres migrations are read from beside the modules that use them.
  for (const f of files.filter((f) => !f.endsWith(".ts") && /\.\w+$/.test(f))) cpSync(join(SRC, f), join(out, "src", f));
  // Packages resolve from the build as from the repository.
  symlinkSync(join(ROOT, "node_modules"), join(out, "node_modules"), "dir");
  project.provide("builtApp", out);
  return () => rmSync(out, { recursive: true, force: true });
}
