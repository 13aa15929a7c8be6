// loadKnowledgeBase for a running bot (SIGHUP reload): the reading, YAML parsing and validation of data/ run on a
// worker thread, so a large data file no longer stops every reply while it loads (a 30 MB file held the event loop
// for 4.4 s). The main thread only freezes the records and builds their indexes.
import { Worker } from "node:worker_threads";
import { DataError } from "../errors.js";
import { kbFromRecords, type LoadResult, type Records } from "./loader.js";
import type { DataProblem } from "./types.js";

type WorkerAnswer = { ok: true; records: Records; version: string; files: string[] } | { ok: false; problems?: DataProblem[]; message: string };

export function loadKnowledgeBaseOffThread(dir: string, opts: { cacheDir?: string } = {}): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./load-worker.mjs", import.meta.url), { workerData: { dir, cacheDir: opts.cacheDir } });
    let answered = false;
    worker.once("message", (m: WorkerAnswer) => {
      answered = true;
      void worker.terminate();
      if (!m.ok) return reject(m.problems ? new DataError(m.problems) : new Error(m.message));
      try {
        resolve({ kb: kbFromRecords(m.records, m.version), files: m.files });
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (!answered) reject(new Error(`the knowledge-base loader stopped without an answer (exit code ${code})`));
    });
  });
}
