import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, appendFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../src/kb/loader.js";

const fresh = () => {
  const root = mkdtempSync(join(tmpdir(), "aistack-kbcache-"));
  cpSync("data", join(root, "data"), { recursive: true });
  return { data: join(root, "data"), cache: join(root, "cache") };
};

describe("knowledge-base start-up cache", () => {
  it("writes one snapshot and loads the same knowledge base from it", () => {
    const { data, cache } = fresh();
    const first = loadKnowledgeBase(data, { cacheDir: cache }).kb;
    expect(readdirSync(cache).filter((f) => f.endsWith(".json"))).toHaveLength(1);
    const second = loadKnowledgeBase(data, { cacheDir: cache }).kb;
    expect(second.version).toBe(first.version);
    expect(JSON.stringify(second.facts)).toBe(JSON.stringify(first.facts));
    expect(JSON.stringify(second.facts)).toBe(JSON.stringify(loadKnowledgeBase(data).kb.facts));
    expect(second.conflictsByFact.size).toBe(first.conflictsByFact.size);
    expect(Object.isFrozen(second.facts[0])).toBe(true);
  });

  it("a changed data file misses the cache, is validated, and replaces the old snapshot", () => {
    const { data, cache } = fresh();
    const before = loadKnowledgeBase(data, { cacheDir: cache }).kb;
    appendFileSync(join(data, "questions.yaml"), "\n- id: cache-test-question\n  question: When was Trainium announced?\n  topics: [chips]\n  added: 2026-11-25\n  reviewed: 2026-11-25\n");
    const after = loadKnowledgeBase(data, { cacheDir: cache }).kb;
    expect(after.version).not.toBe(before.version);
    expect(after.questions.some((q) => q.id === "cache-test-question")).toBe(true);
    expect(readdirSync(cache).filter((f) => f.endsWith(".json"))).toHaveLength(1);
  });

  it("an invalid change still fails with the problem, whatever the cache holds", () => {
    const { data, cache } = fresh();
    loadKnowledgeBase(data, { cacheDir: cache });
    appendFileSync(join(data, "questions.yaml"), "\n- id: broken-question\n  topics: [chips]\n  added: 2026-11-25\n  reviewed: 2026-11-25\n");
    expect(() => loadKnowledgeBase(data, { cacheDir: cache })).toThrow(/broken-question: question/);
  });

  it("a corrupt snapshot is only a slower start, and is rewritten", () => {
    const { data, cache } = fresh();
    loadKnowledgeBase(data, { cacheDir: cache });
    const file = join(cache, readdirSync(cache).find((f) => f.endsWith(".json"))!);
    writeFileSync(file, "{ not json");
    const kb = loadKnowledgeBase(data, { cacheDir: cache }).kb;
    expect(kb.facts.length).toBeGreaterThan(100);
    expect((JSON.parse(readFileSync(file, "utf8")) as { records: { facts: unknown[] } }).records.facts).toHaveLength(kb.facts.length);
  });

  it("a snapshot that does not match its checksum, or holds no records, is not trusted: data/ is loaded instead", () => {
    const { data, cache } = fresh();
    const real = loadKnowledgeBase(data, { cacheDir: cache }).kb;
    const file = join(cache, readdirSync(cache).find((f) => f.endsWith(".json"))!);
    const empty = { entities: [], facts: [], predicates: [], sources: [], conflicts: [], questions: [], lexicon: [] };
    const emptyText = JSON.stringify(empty);
    const digest = createHash("sha256").update(emptyText).digest("hex");
    for (const snapshot of [emptyText, JSON.stringify({ sha256: "0".repeat(64), records: empty }), `{"sha256":"${digest}","records":${emptyText}}`]) {
      writeFileSync(file, snapshot);
      const kb = loadKnowledgeBase(data, { cacheDir: cache }).kb;
      expect(kb.facts).toHaveLength(real.facts.length);
      expect(kb.entities).toHaveLength(real.entities.length);
    }
  });
});
