// The storage contract on SQLite: two connections to one file in a temp dir, as two processes on one host share it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrate, migrations } from "../../src/storage/sqlite/migrations.js";
import { normalizeQuestion, SqliteStorage } from "../../src/storage/sqlite/store.js";
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

describe("sqlite: migration 7 (delivery)", () => {
  it("a digest claim an earlier version left behind is free at once and known to be uncertain; votes and questions carry over", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aistack-migrate-"));
    try {
      const file = join(dir, "aistack.db");
      const old = new Database(file);
      migrate(old, migrations.filter((m) => m.version <= 5));
      old.prepare(`INSERT INTO digest_deliveries (platform, workspace, channel, local_date, scheduled_for, claimed_by, claimed_at, outcome)
        VALUES ('slack', 'T1', 'C1', '2025-06-16', '2025-06-16T09:00:00.000Z', 'old', '2025-06-16T09:00:01.000Z', 'claimed')`).run();
      for (const q of ["Who is Bob?", "who is bob", "what is x"]) old.prepare("INSERT INTO unanswered (platform, question, normalized, at) VALUES ('slack', ?, ?, '2025-06-01T00:00:00.000Z')").run(q, normalizeQuestion(q));
      old.close();
      const store = new SqliteStorage(file);
      try {
        expect(await store.claimDigestAttempt({ platform: "slack", workspace: "T1", channel: "C1" }, "2025-06-16", new Date("2025-06-16T09:00:00Z"), "new", new Date("2025-06-16T10:00:00Z"), 10_000))
          .toEqual({ attempt: 2, uncertain: true, uncertainSince: Date.parse("2025-06-16T09:00:01Z") });
        expect((await store.feedbackReport()).unanswered.map((u) => [u.question, u.count])).toEqual([["Who is Bob?", 2], ["what is x", 1]]);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
