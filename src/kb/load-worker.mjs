// Worker thread for load-off-thread.ts: reads, parses and validates the knowledge base (or reads its snapshot) away
// from the event loop, and posts the plain records back, once per request message. It stays up between reloads, so
// the loader's modules are imported once. The loader is TypeScript; a worker does not inherit the parent's
// `--import tsx` hooks, so it is imported through tsx's scoped API (tsx is installed wherever the app runs). In a
// compiled build (the tests' child processes run one, tests/setup/build-app.ts) the compiled loader sits beside it.
import { existsSync } from "node:fs";
import { parentPort } from "node:worker_threads";

const compiled = new URL("./loader.js", import.meta.url);
const { loadRecords } = existsSync(compiled) ? await import(compiled.href) : await (await import("tsx/esm/api")).tsImport("./loader.ts", import.meta.url);
parentPort.on("message", ({ id, dir, cacheDir }) => {
  try {
    parentPort.postMessage({ id, ok: true, ...loadRecords(dir, cacheDir ? { cacheDir } : {}) });
  } catch (err) {
    parentPort.postMessage({ id, ok: false, problems: Array.isArray(err?.problems) ? err.problems : undefined, message: String(err?.message ?? err) });
  }
});
