// Rate-limit takes for the SQLite backend, on a worker thread with its own connection to the same file (as another
// process sharing it would be). A take is a write transaction, and its commit is most of a slash command's storage
// cost; here it runs beside the event loop instead of on it. Each message is a batch of takes made in one turn of the
// main thread's event loop: one transaction, each take still all or nothing, in order. Plain JavaScript so it loads
// under any runner.
//
// The refill rule is the one in ../token-bucket.ts (the storage contract tests check both backends against it):
// a bucket holds up to `capacity` tokens and regains `capacity` per window; an unknown bucket is full.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const PRUNE_EVERY = 100;
const EPSILON = 1e-9;

const db = new Database(workerData.file);
db.pragma("journal_mode = WAL");
db.pragma(`busy_timeout = ${workerData.busyTimeoutMs}`);
db.pragma("synchronous = NORMAL");
const get = db.prepare("SELECT tokens, updated_at AS at FROM rate_buckets WHERE key = ?");
const put = db.prepare(`INSERT INTO rate_buckets (key, tokens, updated_at) VALUES (?, ?, ?)
  ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, updated_at = excluded.updated_at`);
const prune = db.prepare("DELETE FROM rate_buckets WHERE updated_at < ?");
let takes = 0;

const refill = (state, capacity, now, windowMs) => {
  if (!state || !Number.isFinite(state.tokens) || !Number.isFinite(state.at)) return { tokens: capacity, at: now };
  const elapsed = Math.max(0, now - state.at);
  return { tokens: Math.min(capacity, Math.max(0, state.tokens) + (elapsed * capacity) / windowMs), at: Math.max(now, state.at) };
};

function take({ buckets, nowMs, windowMs }) {
  if (++takes % PRUNE_EVERY === 0) prune.run(nowMs - 2 * windowMs);
  const refilled = buckets.map((b) => refill(get.get(b.key), b.capacity, nowMs, windowMs));
  const ok = refilled.every((b) => b.tokens >= 1 - EPSILON);
  buckets.forEach((b, i) => put.run(b.key, ok ? Math.max(0, refilled[i].tokens - 1) : refilled[i].tokens, refilled[i].at));
  return ok;
}

const runBatch = db.transaction((batch) => batch.map(take));
function flush(batch) {
  try {
    const results = runBatch.immediate(batch);
    parentPort.postMessage({ ids: batch.map((m) => m.id), results });
  } catch (err) {
    parentPort.postMessage({ ids: batch.map((m) => m.id), error: { code: err?.code ?? err?.name, message: String(err?.message) } });
  }
}

parentPort.on("message", (m) => {
  if (m === "close") {
    db.close();
    parentPort.close();
    return;
  }
  flush(m);
});
