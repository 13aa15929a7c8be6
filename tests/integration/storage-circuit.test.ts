// The storage circuit (src/storage/circuit.ts) on a real SQLite file: a full database (SQLITE_FULL from a real write,
// made with max_page_count) or a nearly full disk (the probe's statfs against a threshold above any disk's free
// space) opens it; while open every port fails at once and readiness is false; a probe that succeeds closes it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isStorageUnavailable } from "../../src/errors.js";
import { silentLogger } from "../../src/log.js";
import { withCircuit } from "../../src/storage/circuit.js";
import { SqliteStorage } from "../../src/storage/sqlite/store.js";

const dirs: string[] = [];
const stores: SqliteStorage[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(opts: { minFreeDiskBytes?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "aistack-circuit-"));
  dirs.push(dir);
  const sqlite = new SqliteStorage(join(dir, "aistack.db"), opts);
  stores.push(sqlite);
  // timers far away: the test drives the checks itself
  const circuit = withCircuit(sqlite, () => sqlite.probe(), silentLogger(), { watchEveryMs: 3_600_000, recheckEveryMs: 3_600_000 });
  return { sqlite, circuit, storage: circuit.storage };
}

const errorOf = (p: Promise<unknown>) => p.then(() => undefined, (err: unknown) => err);

describe("storage circuit", () => {
  it("a full database opens it: readiness false, later calls fail at once without touching the file", async () => {
    const { sqlite, circuit, storage } = open();
    expect(await storage.healthy()).toBe(true);
    const pages = sqlite.db.pragma("page_count", { simple: true }) as number;
    sqlite.db.pragma(`max_page_count = ${pages}`);
    let err: unknown;
    for (let i = 0; i < 500 && !err; i++) err = await errorOf(storage.recordUnanswered("slack", `question ${i} ${"x".repeat(400)}`, new Date()));
    expect(isStorageUnavailable(err) && err.driverCode).toBe("SQLITE_FULL");
    expect(await storage.healthy()).toBe(false);
    expect(circuit.available).toBe(false);
    const fast = await errorOf(storage.getChannelSettings({ platform: "slack", workspace: "T1", channel: "C1" }));
    expect(isStorageUnavailable(fast) && fast.driverCode).toBe("circuit_open");
    // room again: the next check closes the circuit
    sqlite.db.pragma("max_page_count = 1073741823");
    expect(await circuit.check()).toBe(true);
    expect(await storage.healthy()).toBe(true);
    await storage.recordUnanswered("slack", "after", new Date());
  });

  it("a disk with less free space than the threshold is not ready", async () => {
    const { circuit, storage } = open({ minFreeDiskBytes: Number.MAX_SAFE_INTEGER });
    expect(await circuit.check()).toBe(false);
    expect(await storage.healthy()).toBe(false);
  });

  it("a deleted database file is not ready", async () => {
    const { circuit, storage } = open();
    expect(await circuit.check()).toBe(true);
    rmSync(join(dirs[0]!, "aistack.db"));
    expect(await circuit.check()).toBe(false);
    expect(await storage.healthy()).toBe(false);
  });

  it("a statement-level error (a constraint) does not open it", async () => {
    const { sqlite, storage } = open();
    sqlite.db.exec("CREATE TABLE t (x INTEGER PRIMARY KEY)");
    // through a port method: recordFeedback with an invalid vote breaks the CHECK constraint
    const err = await errorOf(storage.recordFeedback({ platform: "slack", workspace: "T1", channel: "C1", user: "U1", question: "q", vote: "nope" as never, recordIds: [], at: new Date() }));
    expect(isStorageUnavailable(err) && err.driverCode).toMatch(/^SQLITE_CONSTRAINT/);
    expect(await storage.healthy()).toBe(true);
  });
});
