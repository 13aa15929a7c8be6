// How tests start the app's entry points as child processes. Most run the run's compiled build of src/
// (tests/setup/build-app.ts: the same code without tsx's per-start module hooks); `npmStartArgs` is `npm start`'s
// own command, read from package.json, for the tests that prove the documented start path.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { inject } from "vitest";
import { REPO_ROOT } from "./run-process.js";

/** node arguments that run a TypeScript entry point under src/ (such as "src/cli/ask.ts") from the compiled build */
export function appArgs(entry: string): string[] {
  if (!/^src\/.+\.ts$/.test(entry)) throw new Error(`not an entry point under src/: ${entry}`);
  return [join(inject("builtApp"), entry.replace(/\.ts$/, ".js"))];
}

/** node arguments of package.json's `start` script ("node --import tsx src/main.ts" → ["--import", "tsx", "src/main.ts"]) */
export function npmStartArgs(): string[] {
  const start = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;
  const [command, ...args] = start.split(/\s+/);
  if (command !== "node") throw new Error(`npm start no longer runs node directly: ${start}`);
  return args;
}

/** the compiled build's chart worker script: a ChartWorker on it loads the renderer without tsx (about 1.6 s of CPU less a start) */
export const builtChartWorkerScript = (): URL => pathToFileURL(join(inject("builtApp"), "src", "chart", "worker.mjs"));
