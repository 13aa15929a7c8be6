// The storage contract on the memory backend (the console's): one process, so both "connections" are one object.
import { MemoryStorage } from "../../src/storage/memory/store.js";
import { storageContract, type ContractBackend } from "../helpers/storage-contract.js";
import { installationsContract } from "../helpers/installations-contract.js";

const backend: ContractBackend = {
  async open() {
    const a = new MemoryStorage();
    return { a, b: a, cleanup: async () => undefined };
  },
};

storageContract("memory", backend);
installationsContract("memory", backend);
