// The storage contract on SQLite: two connections to one file in a temp dir, as two processes on one host share it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteStorage } from "../../src/storage/sqlite/store.js";
import { storageContract, type ContractBackend } from "../helpers/storage-contract.js";
import { installationsContract } from "../helpers/installations-contract.js";

const backend: ContractBackend = {
  async open() {
    const dir = mkdtempSync(join(tmpdir(), "aistack-contract-"));
    const a = new SqliteStorage(join(dir, "aistack.db"));
    const b = new SqliteStorage(join(dir, "aistack.db"));
    return {
      a, b,
      async cleanup() {
        await a.close();
        await b.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

storageContract("sqlite", backend);
installationsContract("sqlite", backend);
