// Which background check guards which backend (see circuit.ts): SQLite probes its file, the disk and the write lock;
// Postgres asks SELECT 1 within DATABASE_TIMEOUT_MS; memory needs no guard.
import { StorageUnavailableError } from "../errors.js";
import type { Logger } from "../log.js";
import { withCircuit } from "./circuit.js";
import { SqliteStorage } from "./sqlite/store.js";
import type { Storage } from "./types.js";

export function guardStorage(storage: Storage, logger: Logger): Storage {
  if (storage.backend === "memory") return storage;
  const probe =
    storage instanceof SqliteStorage
      ? () => storage.probe()
      : async () => {
          if (!(await storage.healthy())) throw new StorageUnavailableError("check", "unreachable");
        };
  return withCircuit(storage, probe, logger).storage;
}
