// Where the SQLite file lives: `aistack.db` under DATA_DIR (default ./var). One helper so main, the CLIs and
// the tests agree on the path.
import { join, resolve } from "node:path";
import type { Config } from "../config.js";

export const DATABASE_FILE = "aistack.db";

export const databasePath = (config: Pick<Config, "DATA_DIR">): string => resolve(join(config.DATA_DIR, DATABASE_FILE));

/** Where the loader keeps validated knowledge-base snapshots for fast starts (under DATA_DIR). */
export const kbCacheDir = (config: Pick<Config, "DATA_DIR">): string => resolve(join(config.DATA_DIR, "cache"));
