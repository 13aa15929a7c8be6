// loadKnowledgeBase for a running bot (SIGHUP reload): the reading, YAML parsing and validation of data/ run on a
// worker thread, so a large data file no longer stops every reply while it loads (a 30 MB file held the event loop
// for 4.4 s). The main thread only freezes the records and builds their indexes. One worker serves every reload and
// is started ahead by warmKnowledgeBaseLoader, so a reload does not wait for a thread to start and its modules to
// load; idle, it never keeps the process alive.
import { Worker } from "node:worker_threads";
import { DataError } from "../errors.js";
import { kbFromRecords, type LoadResult, type Records } from "./loader.js";
import type { DataProblem } from "./types.js";

type WorkerAnswer = { id: number; ok: true; records: Records; version: string; files: string[] } | { id: number; ok: false; problems?: DataProblem[]; message: string };
type Pending = { resolve: (r: LoadResult) => void; reject: (e: Error) => void };

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function loader(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL("./load-worker.mjs", import.meta.url));
  w.on("message", (m: WorkerAnswer) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (!pending.size) w.unref();
    if (!m.ok) return p.reject(m.problems ? new DataError(m.problems) : new Error(m.message));
    try {
      p.resolve({ kb: kbFromRecords(m.records, m.version), files: m.files });
    } catch (err) {
      p.reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
  // A worker that fails or exits fails what it was asked, and the next reload starts a new one.
  const fail = (err: Error) => {
    if (worker === w) worker = undefined;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  w.on("error", fail);
  w.on("exit", (code) => fail(new Error(`the knowledge-base loader stopped (exit code ${code})`)));
  w.unref(); // idle; ref'd while a reload waits for it (attaching a message listener refs it, hence here)
  return (worker = w);
}

/** Starts the loader thread now, so the first reload does not pay for it. */
export function warmKnowledgeBaseLoader(): void {
  loader();
}

export function loadKnowledgeBaseOffThread(dir: string, opts: { cacheDir?: string } = {}): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    const w = loader();
    w.ref();
    w.postMessage({ id, dir, cacheDir: opts.cacheDir });
  });
}
