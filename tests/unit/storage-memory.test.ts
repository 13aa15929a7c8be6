// The storage contract on the memory backend (the console's): one process, so both "connections" are one object.
import { MemoryStorage } from "../../src/storage/memory/store.js";
import { storageContract } from "../helpers/storage-contract.js";

storageContract("memory", {
  async open() {
    const a = new MemoryStorage();
    return { a, b: a, cleanup: async () => undefined };
  },
});
