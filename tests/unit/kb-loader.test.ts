import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DataError, formatProblem } from "../../src/errors.js";
import { buildKnowledgeBase, loadKnowledgeBase, parseDataFile, readDataDir } from "../../src/kb/loader.js";
import type { DataProblem } from "../../src/kb/types.js";
import type { RecordSets } from "../../src/kb/validate.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const FIXTURES = join(ROOT, "tests", "fixtures");
const broken = (name: string) => join(FIXTURES, "kb-broken", name);

/** Loads a directory that must fail and returns its problems. */
function problemsOf(dir: string): DataProblem[] {
  try {
    loadKnowledgeBase(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    const e = err as DataError;
    expect(e.code).toBe("data_invalid");
    // the message lists every problem, one line each, with the count
    expect(e.message).toContain(`knowledge base has ${e.problems.length} problem(s):`);
    for (const p of e.problems) expect(e.message).toContain(formatProblem(p));
    return e.problems;
  }
  throw new Error(`${dir} loaded without problems`);
}

/** file/record/field triples, for order-independent comparison. */
const where = (ps: DataProblem[]) => ps.map((p) => `${p.file} | ${p.record} | ${p.field}`).sort();

describe("loading the real knowledge base", () => {
  const { kb, files } = loadKnowledgeBase(join(ROOT, "data"));

  it("loads every data file with records of every kind", () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(files.every((f) => /\.ya?ml$/.test(f))).toBe(true);
    expect(kb.entities.length).toBeGreaterThan(50);
    expect(kb.facts.length).toBeGreaterThan(100);
    expect(kb.sources.length).toBeGreaterThan(1);
    expect(kb.conflicts.length).toBeGreaterThan(0);
    expect(kb.questions.length).toBeGreaterThan(0);
    expect(kb.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it("indexes records by id and conflicts by the facts they name", () => {
    expect(kb.entityById.get("trainium")?.name).toBe("AWS Trainium");
    expect(kb.factById.get("trainium-announced-2020")?.date?.label).toBe("2020");
    for (const c of kb.conflicts) for (const claim of c.claims) expect(kb.conflictsByFact.get(claim)).toContain(c);
    for (const f of kb.facts.filter((x) => x.status !== "stated")) expect(kb.conflictsByFact.get(f.id)?.length, f.id).toBeGreaterThan(0);
  });

  it("has statements only: every predicate from the controlled list, no summary records, reasons and objects resolved", () => {
    expect(kb.predicates.length).toBeGreaterThanOrEqual(30);
    expect(kb.predicates.length).toBeLessThanOrEqual(60);
    expect(kb.predicateById.has("summary")).toBe(false);
    for (const f of kb.facts) {
      const p = kb.predicateById.get(f.predicate);
      expect(p, f.id).toBeDefined();
      if (p!.type === "entity") expect(kb.entityById.has(f.object!), f.id).toBe(true);
      if (p!.type === "reason") expect(kb.factById.has(f.explains!), f.id).toBe(true);
    }
    expect(kb.factById.get("aws-nvidia-on-own-terms")).toMatchObject({ predicate: "reason", explains: "aws-declines-dgx-cloud-late-2023" });
    expect(kb.factById.get("amazon-anthropic-sept-2023-investment")).toMatchObject({ predicate: "invested_in", object: "anthropic", qualifiers: { amount: 4_000_000_000, currency: "USD" } });
  });

  it("is frozen all the way down", () => {
    expect(Object.isFrozen(kb)).toBe(true);
    expect(Object.isFrozen(kb.facts)).toBe(true);
    const fact = kb.facts[0]!;
    expect(() => {
      (fact as { value: string }).value = "changed";
    }).toThrow(TypeError);
    expect(() => (fact.topics as string[]).push("chips")).toThrow(TypeError);
  });

  it("has the same version when loaded twice", () => {
    expect(loadKnowledgeBase(join(ROOT, "data")).kb.version).toBe(kb.version);
  });
});

describe("loading a small valid knowledge base", () => {
  const { kb } = loadKnowledgeBase(join(FIXTURES, "kb-mini"));

  it("reads YAML numbers and unquoted quarters as dates with their precision", () => {
    expect(kb.factById.get("rocket-announced-2020")?.date).toEqual({ start: "2020-01-01", end: "2020-12-31", precision: "year", label: "2020" });
    expect(kb.factById.get("acme-invests-gamma")?.date).toMatchObject({ precision: "quarter", label: "Q1 2025" });
    expect(kb.factById.get("rocket-shipped-late-2023")?.date).toMatchObject({ precision: "half", label: "late 2023" });
    expect(kb.factById.get("pr-rocket-shipped-2023-03-01")?.date?.label).toBe("1 Mar 2023");
  });

  it("fills defaults: status stated, empty lists and qualifiers", () => {
    const f = kb.factById.get("rocket-announced-2020")!;
    expect(f.status).toBe("stated");
    expect(f.qualifiers).toEqual({});
    const e = kb.entityById.get("gamma-labs")!;
    expect(e.related).toEqual([]);
    expect(e.refs).toEqual([]);
    expect(kb.factById.get("acme-invests-gamma")?.qualifiers).toEqual({ amount: 2_000_000_000, currency: "USD" });
  });

  it("reads records of several sections from one file", () => {
    expect(kb.conflicts.map((c) => c.id)).toEqual(["conflict-rocket-ship-date"]);
    expect(kb.questions.map((q) => q.id)).toEqual(["q-rocket-announced"]);
    expect(kb.conflictsByFact.get("rocket-shipped-late-2023")?.[0]?.id).toBe("conflict-rocket-ship-date");
    expect(kb.conflictsByFact.has("rocket-announced-2020")).toBe(false);
  });

  it("changes version when any file's text changes", () => {
    const files = readDataDir(join(FIXTURES, "kb-mini"));
    const a = buildKnowledgeBase(files).version;
    const edited = files.map((f) => (f.file.endsWith("facts.yaml") ? { ...f, text: f.text.replace("in 2020.", "in 2020!") } : f));
    expect(buildKnowledgeBase(edited).version).not.toBe(a);
    expect(buildKnowledgeBase(files).version).toBe(a);
  });
});

describe("broken knowledge bases: every problem at once, with file, record and field", () => {
  it("missing required fields", () => {
    const ps = problemsOf(broken("missing-field"));
    expect(where(ps)).toEqual([
      "missing-field/entities.yaml | nameless | description",
      "missing-field/facts.yaml | rocket-no-refs | refs",
      "missing-field/facts.yaml | rocket-no-text | text",
    ]);
    expect(ps.find((p) => p.record === "rocket-no-refs")?.reason).toMatch(/>=1|at least/i);
  });

  it("bad date formats and precisions", () => {
    const ps = problemsOf(broken("bad-date"));
    expect(ps.map((p) => [p.file, p.record, p.field, p.reason])).toEqual([
      ["bad-date/facts.yaml", "rocket-month-13", "date", "month 13 is not 01–12"],
      ["bad-date/facts.yaml", "rocket-sometime", "date", expect.stringContaining('"sometime in 2020" is not a date')],
      ["bad-date/facts.yaml", "rocket-backwards", "date", 'range "2022..2021" ends before it starts'],
      ["bad-date/facts.yaml", "rocket-bad-reviewed", "reviewed", "use YYYY-MM-DD"],
    ]);
  });

  it("unknown entity in subject and in entities[]", () => {
    const ps = problemsOf(broken("unknown-entity"));
    expect(ps).toEqual([
      { file: "unknown-entity/facts.yaml", record: "ghost-announced", field: "subject", reason: 'unknown entity "ghost"' },
      { file: "unknown-entity/facts.yaml", record: "rocket-with-phantom", field: "entities[1]", reason: 'unknown entity "phantom"' },
    ]);
  });

  it("duplicate id across files names both files", () => {
    const ps = problemsOf(broken("duplicate-id"));
    expect(ps).toEqual([
      { file: "duplicate-id/facts-b.yaml", record: "rocket-announced-2020", field: "id", reason: "duplicate id (also in duplicate-id/facts-a.yaml)" },
    ]);
  });

  it("dangling conflict link", () => {
    const ps = problemsOf(broken("dangling-conflict"));
    expect(ps).toEqual([
      { file: "dangling-conflict/conflicts.yaml", record: "conflict-rocket", field: "claims[1]", reason: 'dangling link: no fact "no-such-fact"' },
    ]);
  });

  it("disputed or corrected fact that no conflict links", () => {
    const ps = problemsOf(broken("unlinked-disputed"));
    expect(ps.map((p) => [p.file, p.record, p.field])).toEqual([
      ["unlinked-disputed/facts.yaml", "rocket-disputed", "status"],
      ["unlinked-disputed/facts.yaml", "rocket-corrected", "status"],
    ]);
    expect(ps[0]!.reason).toBe('"disputed" but no conflict links this fact');
    expect(ps[1]!.reason).toBe('"corrected" but no conflict links this fact');
  });

  it("unknown source section and unknown source", () => {
    const ps = problemsOf(broken("unknown-source-section"));
    expect(ps).toEqual([
      { file: "unknown-source-section/facts.yaml", record: "rocket-bad-section", field: "refs[0].section", reason: 'source "article" has no section "nope"' },
      { file: "unknown-source-section/facts.yaml", record: "rocket-bad-source", field: "refs[1].source", reason: 'unknown source "nowhere"' },
    ]);
  });

  it("invalid YAML names the file", () => {
    const ps = problemsOf(broken("invalid-yaml"));
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ file: "invalid-yaml/facts.yaml", record: "-", field: "-" });
    expect(ps[0]!.reason).toMatch(/^not valid YAML/);
  });

  it("unknown top-level section names the key", () => {
    const ps = problemsOf(broken("unknown-top-level"));
    expect(ps).toEqual([
      { file: "unknown-top-level/facts.yaml", record: "-", field: "notes", reason: "unknown section; expected one of entities, facts, predicates, sources, conflicts, questions, lexicon" },
    ]);
  });

  it("a predicate outside the controlled list", () => {
    expect(problemsOf(broken("unknown-predicate"))).toEqual([
      {
        file: "unknown-predicate/facts.yaml",
        record: "rocket-unveiled",
        field: "predicate",
        reason: 'unknown predicate "unveiled": use one from predicates (data/predicates.yaml) or add it there',
      },
    ]);
  });

  it("a statement without the typed value its predicate's type asks for; a quantity without a number but with its reason passes", () => {
    const ps = problemsOf(broken("missing-amount"));
    expect(ps.map((p) => `${p.record} | ${p.field}`)).toEqual([
      "acme-invests-unsaid | qualifiers.amount",
      "acme-invests-no-currency | qualifiers.currency",
      "acme-stake-no-unit | qualifiers.unit",
      "rocket-announced-undated | date",
      "acme-partner-unnamed | object",
      "acme-because | explains",
      "rocket-says | subject",
    ]);
    expect(ps.every((p) => p.file === "missing-amount/facts.yaml")).toBe(true);
    expect(ps[0]!.reason).toBe("a money statement needs an amount, or qualifiers.basis saying why it has none");
    expect(ps.find((p) => p.record === "rocket-says")!.reason).toBe("a quote's subject is its speaker (a person or organisation), not a chip");
  });

  it("an object that names no entity", () => {
    expect(problemsOf(broken("dangling-object"))).toEqual([
      { file: "dangling-object/facts.yaml", record: "acme-partners-ghost", field: "object", reason: 'unknown entity "ghost-labs"' },
    ]);
  });

  it("explains that names no statement, or the statement itself", () => {
    expect(problemsOf(broken("dangling-explains"))).toEqual([
      { file: "dangling-explains/facts.yaml", record: "acme-invests-because", field: "explains", reason: 'dangling link: no fact "no-such-fact"' },
      { file: "dangling-explains/facts.yaml", record: "acme-explains-itself", field: "explains", reason: "a statement cannot explain itself" },
    ]);
  });

  it("a restatement (same subject, predicate, typed value and date) names both records; another basis is another claim", () => {
    const ps = problemsOf(broken("restatement"));
    expect(ps.map((p) => `${p.record} | ${p.field}`)).toEqual(["acme-invests-gamma-again | value", "rocket-unveiled-2020 | value"]);
    expect(ps[0]!.reason).toBe(
      'restates "acme-invests-gamma" (restatement/facts.yaml): same subject, predicate, value and date; keep one record and make this one\'s quotes its refs',
    );
    expect(ps[1]!.reason).toContain('restates "rocket-announced-2020"');
  });

  it("lists every problem of a knowledge base with many, across files, in one error", () => {
    const ps = problemsOf(broken("many-problems"));
    expect(where(ps)).toEqual(
      [
        "many-problems/entities.yaml | acme | parent",
        "many-problems/entities.yaml | rocket-chip | kind",
        "many-problems/facts.yaml | - | extras",
        "many-problems/facts.yaml | acme-disputed | entities[0]",
        "many-problems/facts.yaml | acme-disputed | refs[0].section",
        "many-problems/facts.yaml | acme-disputed | status",
        "many-problems/facts.yaml | acme-founded | date",
        "many-problems/facts.yaml | facts[1] | id",
        "many-problems/more.yaml | acme | claims[0]",
        "many-problems/more.yaml | acme | id",
        "many-problems/zz-broken.yaml | - | -",
      ].sort(),
    );
    expect(ps.find((p) => p.field === "id" && p.record === "acme")?.reason).toBe("duplicate id (also in many-problems/entities.yaml)");
  });
});

describe("single files and directories", () => {
  const empty = (): RecordSets => ({ entities: [], facts: [], predicates: [], sources: [], conflicts: [], questions: [], lexicon: [] });

  it("rejects a top-level list and a section that is not a list", () => {
    const problems: DataProblem[] = [];
    parseDataFile("data/list.yaml", "- id: a\n- id: b\n", empty(), problems);
    parseDataFile("data/map.yaml", "facts:\n  id: a\n", empty(), problems);
    expect(problems).toEqual([
      { file: "data/list.yaml", record: "-", field: "-", reason: "expected a map with keys entities, facts, predicates, sources, conflicts, questions, lexicon" },
      { file: "data/map.yaml", record: "-", field: "facts", reason: "expected a list of records" },
    ]);
  });

  it("accepts an empty or comment-only file", () => {
    const problems: DataProblem[] = [];
    const sets = empty();
    parseDataFile("data/empty.yaml", "", sets, problems);
    parseDataFile("data/comments.yaml", "# nothing here yet\n", sets, problems);
    expect(problems).toEqual([]);
    expect(sets.facts).toEqual([]);
  });

  it("rejects duplicate keys inside a record as invalid YAML", () => {
    const problems: DataProblem[] = [];
    parseDataFile("data/dup.yaml", "entities:\n- id: a\n  id: b\n", empty(), problems);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.reason).toMatch(/^not valid YAML/);
  });

  it("reports a missing directory and a directory without YAML files", () => {
    expect(() => readDataDir(join(FIXTURES, "no-such-dir"))).toThrow(/cannot read the data directory/);
    // kb-broken holds only case folders, no YAML of its own
    try {
      readDataDir(join(FIXTURES, "kb-broken"));
      throw new Error("expected a DataError");
    } catch (err) {
      expect(err).toBeInstanceOf(DataError);
      expect((err as DataError).problems[0]?.reason).toBe("no .yaml files found");
    }
  });
});

describe("npm run kb:check", { timeout: 60_000 }, () => {
  const run = (dir: string) =>
    spawnSync("npm", ["run", "--silent", "kb:check", "--", dir], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 });

  it("exits 1 and prints every problem of a broken knowledge base", () => {
    const r = run("tests/fixtures/kb-broken/unknown-entity");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("knowledge base has 2 problem(s):");
    expect(r.stderr).toContain('unknown-entity/facts.yaml: ghost-announced: subject: unknown entity "ghost"');
    expect(r.stderr).toContain('unknown-entity/facts.yaml: rocket-with-phantom: entities[1]: unknown entity "phantom"');
    expect(r.stdout).not.toContain("knowledge base OK");
  });

  it("exits 1 on the many-problems case and lists all of them", () => {
    const r = run("tests/fixtures/kb-broken/many-problems");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("knowledge base has 11 problem(s):");
    expect(r.stderr.split("\n").filter((l) => l.startsWith("  many-problems/"))).toHaveLength(11);
  });

  it("exits 0 on data/ and prints counts that match the loader", () => {
    const { kb } = loadKnowledgeBase(join(ROOT, "data"));
    const r = run("data");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`knowledge base OK:`);
    expect(r.stdout).toContain(`(version ${kb.version})`);
    expect(r.stdout).toMatch(new RegExp(`entities\\s+${kb.entities.length}\\b`));
    const disputed = kb.facts.filter((f) => f.status === "disputed").length;
    const corrected = kb.facts.filter((f) => f.status === "corrected").length;
    expect(r.stdout).toMatch(new RegExp(`facts\\s+${kb.facts.length} \\(${disputed} disputed, ${corrected} corrected\\)`));
    expect(r.stdout).toMatch(new RegExp(`sources\\s+${kb.sources.length}\\b`));
    expect(r.stdout).toMatch(new RegExp(`conflicts\\s+${kb.conflicts.length}\\b`));
    expect(r.stdout).toMatch(new RegExp(`questions\\s+${kb.questions.length}\\b`));
  });
});
