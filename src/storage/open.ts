// Which backend this process uses: Postgres when DATABASE_URL is set (several instances share it), else the SQLite
// file under DATA_DIR (one machine, nothing to set up).
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { databasePath } from "./path.js";
import { SqliteStorage } from "./sqlite/store.js";
import type { Storage } from "./types.js";

export async function openStorage(config: Config, logger: Logger): Promise<Storage> {
  if (config.DATABASE_URL) {
    const { openPostgres } = await import("./postgres/store.js");
    return openPostgres(config.DATABASE_URL, { logger, timeoutMs: config.DATABASE_TIMEOUT_MS, poolSize: config.DATABASE_POOL_SIZE });
  }
  return new SqliteStorage(databasePath(config), { busyTimeoutMs: config.SQLITE_BUSY_TIMEOUT_MS });
}
