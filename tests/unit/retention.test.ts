// The retention sweep on a real SQLite file: it runs on its own timer (not as a side effect of writes), deletes what
// is older than RETENTION_DAYS and keeps the rest; a failed sweep is logged and the next one runs.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { startRetention, type RetentionSweeper } from "../../src/app/retention.js";
import { SqliteStorage } from "../../src/storage/sqlite/store.js";

const dirs: string[] = [];
const sweepers: RetentionSweeper[] = [];
afterEach(() => {
  for (const s of sweepers.splice(0)) s.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "aistack-retention-"));
  dirs.push(dir);
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(c, _e, done) {
      for (const l of String(c).split("\n")) if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { storage: new SqliteStorage(join(dir, "aistack.db")), config: loadConfig(env), logger: createLogger("info", sink), lines };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe("retention sweep", () => {
  it("runs on its timer and deletes questions, votes and unanswered text older than RETENTION_DAYS", async () => {
    const { storage, config, logger, lines } = setup({ RETENTION_DAYS: "7" });
    const now = new Date("2026-03-20T00:00:00Z");
    const old = new Date("2026-03-01T00:00:00Z");
    const ref = { platform: "slack" as const, command: "ask", args: { question: "q" }, question: "my private DM question", recordIds: ["f1"], workspace: "T1", channel: "D1", owner: "U1" };
    await storage.saveAnswerRef({ ...ref, id: "old", at: old });
    await storage.saveAnswerRef({ ...ref, id: "new", at: new Date("2026-03-18T00:00:00Z") });
    await storage.recordUnanswered("slack", "an old private question", old);
    await storage.recordFeedback({ platform: "slack", workspace: "T1", channel: "C1", user: "U1", question: "q", vote: "wrong", recordIds: ["f1"], answerId: "old", at: old });
    const sweeper = startRetention({ config, storage, logger, clock: () => now }, { firstMs: 10, everyMs: 60_000 });
    sweepers.push(sweeper);
    await until(() => lines.some((l) => l.msg === "retention sweep"));
    expect(lines.find((l) => l.msg === "retention sweep")).toMatchObject({ retentionDays: 7, deleted: { answerRefs: 1, unanswered: 1, feedback: 1 } });
    expect(await storage.getAnswerRef("old")).toBeUndefined();
    expect(await storage.getAnswerRef("new")).toBeDefined();
    expect((await storage.feedbackReport(10)).unanswered).toEqual([]);
    await storage.close();
  });

  it("a sweep that fails is logged, and the next one runs", async () => {
    const { storage, config, logger, lines } = setup();
    await storage.close(); // every call now fails
    const sweeper = startRetention({ config, storage, logger, clock: () => new Date() }, { firstMs: 5, everyMs: 20 });
    sweepers.push(sweeper);
    await until(() => lines.filter((l) => l.msg === "retention sweep failed; the next one tries again").length >= 2);
    expect(lines.filter((l) => l.msg === "retention sweep failed; the next one tries again").length).toBeGreaterThanOrEqual(2);
  });

  it("RETENTION_DAYS is checked by name, never echoing the value", () => {
    expect(() => loadConfig({ RETENTION_DAYS: "0" })).toThrow(/RETENTION_DAYS/);
    expect(loadConfig({}).RETENTION_DAYS).toBe(30);
  });
});
