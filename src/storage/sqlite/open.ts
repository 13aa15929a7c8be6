// Opens (creating if needed) the SQLite file under DATA_DIR with settings that let several processes share it.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { StorageError } from "../../errors.js";
import { migrate } from "./migrations.js";

/** Default busy_timeout (config SQLITE_BUSY_TIMEOUT_MS): another process holding the write lock makes us wait this long. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export function openDatabase(file: string, opts: { busyTimeoutMs?: number } = {}): Database.Database {
  try {
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    // Another instance holding the write lock makes us wait, not fail.
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
    db.pragma("foreign_keys = ON");
    db.pragma("synchronous = NORMAL");
    migrate(db);
    return db;
  } catch (err) {
    throw new StorageError("storage_open_failed", `cannot open the database at ${file}: ${(err as Error).message}`);
  }
}
