// Opens (creating if needed) the SQLite file under DATA_DIR with settings that let several processes share it.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { StorageError } from "../../errors.js";
import { migrate } from "./migrations.js";

/**
 * Default busy_timeout (config SQLITE_BUSY_TIMEOUT_MS): how long a write waits for another connection's lock. The
 * driver is synchronous, so the event loop waits with it: long enough for another process's ordinary transaction
 * (well under a millisecond to a few for a checkpoint), short enough that a lock held for seconds costs each request
 * nothing noticeable. Past it the write fails as "storage unavailable" and the storage circuit takes over.
 */
export const DEFAULT_BUSY_TIMEOUT_MS = 40;
/** The most the event loop may wait for a lock, whatever SQLITE_BUSY_TIMEOUT_MS says. */
export const MAX_BUSY_TIMEOUT_MS = 50;

export function openDatabase(file: string, opts: { busyTimeoutMs?: number } = {}): Database.Database {
  try {
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    // Another instance holding the write lock makes us wait a little, then fail (see DEFAULT_BUSY_TIMEOUT_MS).
    db.pragma(`busy_timeout = ${busyTimeout(opts.busyTimeoutMs)}`);
    db.pragma("foreign_keys = ON");
    db.pragma("synchronous = NORMAL");
    migrate(db);
    return db;
  } catch (err) {
    throw new StorageError("storage_open_failed", `cannot open the database at ${file}: ${(err as Error).message}`);
  }
}

export const busyTimeout = (ms: number | undefined) => Math.min(MAX_BUSY_TIMEOUT_MS, Math.max(0, Math.floor(ms ?? DEFAULT_BUSY_TIMEOUT_MS)));
