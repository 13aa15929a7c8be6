import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toContractJson } from "../../src/cli/contract.js";
import { allItems, ANSWER_KINDS, answerSources, recordIds, toPlainText, type Answer } from "../../src/core/answer.js";
import { CORE_SPECS as COMMANDS } from "../../src/core/commands/registry.js";
import { createCore } from "../../src/core/index.js";
import { overlaps } from "../../src/kb/dates.js";
import { loadKnowledgeBase } from "../../src/kb/loader.js";

const ROOT = join(import.meta.dirname, "..", "..");
const { kb } = loadKnowledgeBase(join(ROOT, "data"));
const core = createCore(kb);
const ctx = { now: new Date("2026-11-25T12:00:00Z") };
const ids = (a: Answer) => allItems(a).map((i) => i.id);

/** Every answer, whatever its kind, keeps the model's invariants. */
function expectWellFormed(a: Answer) {
  expect(ANSWER_KINDS).toContain(a.kind);
  expect(a.headline.length).toBeGreaterThan(0);
  const { fallbackText, ...rest } = a;
  expect(fallbackText).toBe(toPlainText(rest));
  expect(fallbackText.startsWith(a.headline)).toBe(true);
  for (const item of allItems(a)) {
    expect(item.score).toBeGreaterThanOrEqual(0);
    if (item.recordKind === "fact") {
      const f = kb.factById.get(item.id);
      expect(f, item.id).toBeDefined();
      expect(item.text).toBe(f!.text);
      expect(item.date).toEqual(f!.date);
    }
  }
}

describe("ask: answers from the knowledge base", () => {
  const cases: { q: string; fact: string; headline?: RegExp }[] = [
    { q: "when was Trainium announced?", fact: "trainium-announced-2020", headline: /^AWS Trainium announced: 2020$/ },
    { q: "In what year did AWS introduce its Trainium training chip?", fact: "trainium-announced-2020" },
    { q: "when did AWS launch SageMaker?", fact: "sagemaker-launched-2017", headline: /2017/ },
    { q: "how much did Amazon invest in Anthropic in September 2023?", fact: "amazon-anthropic-sept-2023-investment", headline: /\$4 billion/ },
    { q: "who founded Anthropic?", fact: kb.facts.find((f) => f.subject === "anthropic" && /OpenAI researchers/.test(f.value))?.id ?? "missing" },
    { q: "when did inferentia first launch?", fact: "inferentia-launched-2019" },
    { q: "which model providers were on Bedrock when it launched?", fact: "bedrock-launch-partners-april-2023" },
  ];
  for (const { q, fact, headline } of cases) {
    it(`"${q}" → ${fact}`, () => {
      expect(kb.factById.has(fact), `fixture fact ${fact} exists`).toBe(true);
      const a = core.ask(q, ctx);
      expectWellFormed(a);
      expect(["fact", "list"]).toContain(a.kind);
      expect(ids(a).slice(0, 3)).toContain(fact);
      if (headline) expect(a.headline).toMatch(headline);
      expect(a.query).toBe(q);
    });
  }

  it("puts the Trainium announcement first, with its value and year-precision date", () => {
    const a = core.ask("when was trainium announced", ctx);
    const top = allItems(a)[0]!;
    expect(top.id).toBe("trainium-announced-2020");
    expect(kb.factById.get(top.id)?.value).toBe("2020");
    expect(top.date).toMatchObject({ precision: "year", label: "2020" });
    expect(top.sources.length).toBeGreaterThan(0);
    expect(a.suggestions).toEqual(["timeline AWS Trainium", "about AWS Trainium"]);
    expect(a.confident).toBe(true);
  });

  it("tolerates typos in names", () => {
    expect(ids(core.ask("when was tranium announced?", ctx))).toContain("trainium-announced-2020");
    expect(ids(core.ask("when did inferntia launch?", ctx)).slice(0, 2)).toContain("inferentia-launched-2019");
  });

  it("shows dates with their precision labels, as the data has them", () => {
    const a = core.ask("when was Claude 3 introduced?", ctx);
    const top = allItems(a)[0]!;
    expect(top.id).toBe("claude-3-introduced-late-2024");
    expect(top.date?.label).toBe("late 2024");
    expect(top.date?.precision).toBe("half");
    // the text says "by late 2024" itself, so no date goes in front of it
    expect(a.fallbackText).toContain("- The article's body says Claude 3 was introduced by late 2024.");
    const sept = allItems(core.ask("how much did Amazon invest in Anthropic in September 2023?", ctx)).find((i) => i.id === "amazon-anthropic-sept-2023-investment");
    expect(sept?.date).toMatchObject({ precision: "day", label: "25 Sep 2023" });
  });

  it("carries the conflict note of a disputed fact, once, and puts it in the fallback text", () => {
    const a = core.ask("when was Claude 2 released?", ctx);
    const item = allItems(a).find((i) => i.id === "claude-2-released-early-2024");
    expect(item).toBeDefined();
    expect(item!.status).toBe("disputed");
    const conflicts = kb.conflictsByFact.get("claude-2-released-early-2024") ?? [];
    expect(conflicts.length).toBeGreaterThan(0);
    expect(item!.conflictNotes).toEqual(conflicts.map((c) => c.note));
    expect(a.fallbackText).toContain(`  ! ${conflicts[0]!.note}`);
    // the same note is never repeated under a second item of the same answer
    const notes = allItems(a).flatMap((i) => i.conflictNotes);
    expect(new Set(notes).size).toBe(notes.length);
  });

  it("an as-of question keeps to facts dated by the cut-off and says so", () => {
    const a = core.ask("as of mid-2024, how much had Amazon invested in Anthropic?", ctx);
    expect(a.headline.startsWith("As of mid-2024: ")).toBe(true);
    for (const item of allItems(a)) if (item.date) expect(item.date.start <= "2024-06-30", item.id).toBe(true);
  });

  it("a bare entity name gives its entity card", () => {
    const a = core.ask("anthropic", ctx);
    expect(a.kind).toBe("entity");
    expect(a.query).toBe("anthropic");
    expect(allItems(a)[0]?.id).toBe("anthropic");
  });

  it("relative dates follow the injected clock", () => {
    const a = core.ask("what did anthropic do last year", ctx);
    expect(a.kind).toBe("timeline");
    expect(a.headline).toContain("last year (2025)");
    for (const i of allItems(a)) expect(overlaps(i.date!, { start: "2025-01-01", end: "2025-12-31" }), i.id).toBe(true);
    const earlier = core.ask("what did anthropic do last year", { now: new Date("2025-03-01T00:00:00Z") });
    expect(earlier.headline).toContain("last year (2024)");
  });

  it("is deterministic: the same question and clock give the same answer", () => {
    const q = "how much did amazon invest in anthropic?";
    expect(core.ask(q, ctx)).toEqual(core.ask(q, ctx));
  });
});

describe("ask: refusals and edge input", () => {
  it("names a product code it does not know instead of answering about a neighbour", () => {
    for (const [q, code] of [["what does a trn1.32xlarge cost per hour?", "trn1.32xlarge"], ["when will AWS launch Trainium3?", "trainium3"], ["whn did claude 3.5 sonnet land on bedrock", "claude 3.5"]] as const) {
      const a = core.ask(q, ctx);
      expect(a.kind, q).toBe("no-answer");
      expect(a.headline, q).toBe(`I don't have anything on "${code}".`);
    }
  });

  const uncovered = [
    "what's the hourly price of a p5 instance?",
    "how many employees does AMD have?",
    "how many people work at Annapurna Labs?",
    "what is the salary of Andy Jassy?",
    "what is the best pizza in Naples?",
    "how do I bake sourdough bread?",
    "who won the world cup in 2022?",
  ];
  for (const q of uncovered) {
    it(`refuses "${q}" with suggestions`, () => {
      const a = core.ask(q, ctx);
      expectWellFormed(a);
      expect(a.kind).toBe("no-answer");
      expect(a.headline).toBe("I don't have that in my knowledge base.");
      expect(a.sections).toEqual([]);
      expect(a.suggestions.length).toBeGreaterThan(0);
      expect(a.suggestions.length).toBeLessThanOrEqual(3);
      expect(a.confident).toBe(false);
    });
  }

  it("suggests the entity a refused question names", () => {
    const a = core.ask("how many employees does AMD have?", ctx);
    expect(a.suggestions[0]).toBe("about AMD");
    expect(a.summary).toContain("AMD");
  });

  it("an empty or blank question gets help", () => {
    for (const q of ["", "   ", "\n\t"]) {
      const a = core.ask(q, ctx);
      expect(a.kind).toBe("help");
    }
    expect(core.handleText("", ctx).kind).toBe("help");
  });

  it("a 10,000-character question is refused with a short error, not searched", () => {
    const a = core.ask("trainium ".repeat(1112).slice(0, 10_000), ctx);
    expectWellFormed(a);
    expect(a.kind).toBe("error");
    expect(a.headline).toBe("That is too long to be a question (10,000 characters).");
    expect(a.fallbackText.length).toBeLessThan(300);
    expect(a.sections).toEqual([]);
    expect(core.handleText("x".repeat(10_000), ctx).kind).toBe("error");
  });

  it("control characters and odd scripts do not break it", () => {
    for (const q of ["\u0000\u0001ÿþ", "🤖🚀 when was trainium announced? 🚀", "متى أُعلن عن ترينيوم؟", "\u202ewhen was trainium announced"]) {
      const a = core.ask(q, ctx);
      expectWellFormed(a);
    }
    expect(ids(core.ask("🤖 when was trainium announced? 🚀", ctx))).toContain("trainium-announced-2020");
  });
});

describe("commands", () => {
  it("timeline <entity>: dated events naming it; a public-record correction only where no shown claim carries it as a note (order and pages: timeline.test.ts)", () => {
    const a = core.run("timeline", { subject: "trainium" }, ctx);
    expectWellFormed(a);
    expect(a.kind).toBe("timeline");
    expect(a.title).toBe("Timeline: AWS Trainium");
    expect(a.headline.startsWith("Timeline: AWS Trainium")).toBe(true);
    const items = allItems(a);
    expect(items.length).toBeGreaterThan(3);
    for (const i of items) {
      expect(i.date, i.id).toBeDefined();
      expect(i.entities, i.id).toContain("trainium");
      if (i.status !== "corrected") continue;
      const claims = (kb.conflictsByFact.get(i.id) ?? []).flatMap((c) => c.claims).filter((id) => id !== i.id);
      expect(items.filter((j) => claims.includes(j.id)).map((j) => j.id), i.id).toEqual([]);
    }
  });

  it("timeline <entity> <year> filters by both", () => {
    const a = core.handleText("timeline amd 2025", ctx);
    expect(a.title).toBe("Timeline: AMD, 2025");
    expect(a.headline.startsWith("Timeline: AMD, 2025 — ")).toBe(true);
    for (const i of allItems(a)) {
      expect(i.entities).toContain("amd");
      expect(i.date!.end >= "2025-01-01" && i.date!.start <= "2025-12-31").toBe(true);
    }
  });

  it("timeline of nothing: usage error; of an unknown thing or an empty year: no-answer", () => {
    expect(core.run("timeline", {}, ctx).kind).toBe("error");
    expect(core.handleText("timeline", ctx).headline).toBe("Timeline of what?");
    expect(core.handleText("timeline xyzzyq", ctx).kind).toBe("no-answer");
    expect(core.handleText("timeline 1990", ctx).kind).toBe("no-answer");
  });

  it("about <entity>: no statement restates the description it sits under", () => {
    const words = (t: string) => new Set(t.toLowerCase().match(/[a-z0-9$]+/g) ?? []);
    for (const name of ["trainium", "humain", "anthropic", "bedrock"]) {
      const a = core.run("about", { entity: name }, ctx);
      const described = words(a.sections[0]!.items[0]!.text);
      for (const i of a.sections.slice(1).flatMap((s) => s.items)) {
        const w = words(i.text);
        const shared = [...w].filter((x) => described.has(x)).length;
        expect(shared / w.size, `${name}: ${i.id}`).toBeLessThan(0.8);
      }
    }
  });

  it("about <entity>: what it is, key facts, latest events newest first", () => {
    const a = core.run("about", { entity: "tranium" }, ctx);
    expectWellFormed(a);
    expect(a.kind).toBe("entity");
    expect(a.headline).toBe("AWS Trainium (chip)");
    expect(a.query).toBe("tranium");
    expect(a.summary).toContain("Part of Annapurna Labs");
    expect(a.sections.map((s) => s.heading)).toEqual(["What it is", "Key facts", "Latest events"]);
    expect(a.sections[0]!.items).toHaveLength(1);
    expect(a.sections[0]!.items[0]).toMatchObject({ id: "trainium", recordKind: "entity", text: kb.entityById.get("trainium")!.description });
    expect(a.sections[1]!.items.length).toBeLessThanOrEqual(5);
    const latest = a.sections[2]!.items.map((i) => i.date!.start);
    expect(latest).toEqual([...latest].sort().reverse());
    for (const i of allItems(a)) expect(i.status).not.toBe("corrected");
    expect(a.suggestions[0]).toBe("timeline AWS Trainium");
    expect(a.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("about: missing name is a usage error, an unknown name is no-answer", () => {
    expect(core.handleText("about", ctx)).toMatchObject({ kind: "error", headline: "About what?" });
    expect(core.handleText("about xyzzyq", ctx).kind).toBe("no-answer");
  });

  it("about a name two entities share is ambiguous, listing both", () => {
    const mini = createCore(loadKnowledgeBase(join(ROOT, "tests", "fixtures", "kb-mini")).kb);
    const a = mini.run("about", { entity: "gamma" }, ctx);
    expect(a.kind).toBe("ambiguous");
    expect(ids(a).sort()).toEqual(["gamma-chip", "gamma-labs"]);
    expect(a.suggestions.sort()).toEqual(["about Gamma Chip", "about Gamma Labs"]);
  });

  it("compare a b: a side-by-side table, then statements naming both (table details: compare.test.ts)", () => {
    const a = core.run("compare", { a: "amazon", b: "anthropic" }, ctx);
    expectWellFormed(a);
    expect(a.kind).toBe("comparison");
    expect(a.headline).toBe("Amazon vs Anthropic");
    expect(a.sections[0]!.table?.columns).toEqual(["Amazon", "Anthropic"]);
    expect(a.sections[1]!.heading).toBe("Statements naming Amazon and Anthropic");
    for (const i of a.sections[1]!.items) {
      const f = kb.factById.get(i.id)!;
      expect([f.subject, f.object, ...f.entities], i.id).toEqual(expect.arrayContaining(["amazon", "anthropic"]));
    }
    expect(a.suggestions).toEqual(["about Amazon", "about Anthropic"]);
  });

  it("compare from text, with or without a separator, and says when nothing names both", () => {
    const a = core.handleText("compare trainium tpu", ctx);
    expect(a.kind).toBe("comparison");
    expect(a.headline).toBe("AWS Trainium vs Google TPU");
    // the table, then what the knowledge base has on each side
    expect(a.sections.map((s) => s.heading)).toEqual([undefined, "On AWS Trainium", "On Google TPU"]);
    expect(a.summary).toContain("No statement in the knowledge base names both AWS Trainium and Google TPU.");
    expect(core.handleText("compare amazon vs google", ctx).headline).toBe("Amazon vs Google");
  });

  it("compare needs two known things", () => {
    expect(core.handleText("compare trainium", ctx)).toMatchObject({ kind: "error", headline: "Compare needs two things." });
    expect(core.handleText("compare trainium vs xyzzyq", ctx).kind).toBe("no-answer");
  });

  it("sources: every source, articles first, with counts that match the knowledge base", () => {
    const a = core.run("sources", {}, ctx);
    expectWellFormed(a);
    expect(a.kind).toBe("sources");
    const articles = kb.sources.filter((s) => s.kind === "article").length;
    const records = kb.sources.filter((s) => s.kind === "public-record").length;
    expect(a.headline).toBe(`Built from ${articles} article(s) and ${records} public-record source(s)`);
    expect(a.summary).toContain(`${kb.facts.length} facts about ${kb.entities.length} entities`);
    expect(ids(a).sort()).toEqual(kb.sources.map((s) => s.id).sort());
    const kinds = allItems(a).map((i) => kb.sourceById.get(i.id)!.kind);
    expect(kinds.slice(0, articles).every((k) => k === "article")).toBe(true);
    const articleItem = allItems(a).find((i) => i.id === "article")!;
    const backed = kb.facts.filter((f) => f.refs.some((r) => r.source === "article")).length;
    expect(articleItem.text).toContain(`Backs ${backed} facts.`);
  });

  it("help lists every command of the registry with an example", () => {
    const a = core.run("help", {}, ctx);
    expectWellFormed(a);
    expect(a.kind).toBe("help");
    expect(ids(a)).toEqual(COMMANDS.map((c) => `command:${c.name}`));
    for (const c of COMMANDS) expect(a.fallbackText).toContain(c.examples[0]!);
    // the plain fallback (Slack's notification text, screen readers) names each command by its usage
    for (const c of COMMANDS) expect(a.fallbackText).toContain(`- ${c.usage}: ${c.description}`);
    expect(a.suggestions).toEqual(kb.questions.slice(0, 3).map((q) => q.question));
    expect(core.handleText("help", ctx).kind).toBe("help");
  });

  it("an unknown or app-only command name is an error pointing to help", () => {
    const a = core.run("frobnicate", {}, ctx);
    expect(a).toMatchObject({ kind: "error", headline: 'Unknown command "frobnicate".', suggestions: ["help"] });
    expect(core.run("x".repeat(500), {}, ctx).headline.length).toBeLessThan(80);
    // app commands need storage: the core does not run them
    expect(core.run("autoanswer", { mode: "on" }, ctx).kind).toBe("error");
    expect(core.run("digest", { action: "status" }, ctx).kind).toBe("error");
  });

  it("handleText sends text that does not start with a command to ask", () => {
    expect(core.handleText("when was trainium announced?", ctx)).toEqual(core.ask("when was trainium announced?", ctx));
    expect(core.handleText("TIMELINE trainium", ctx).kind).toBe("timeline");
  });
});

describe("autocomplete", () => {
  const within = (cs: { name: string; value: string }[]) => {
    expect(cs.length).toBeLessThanOrEqual(25);
    for (const c of cs) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  };

  it("stays within Discord's limits for every source and input", () => {
    for (const source of ["entity", "subject", "question"] as const) {
      for (const partial of ["", "a", "tranium", "20", "x".repeat(5000), "🤖", "\u0000"]) within(core.autocomplete(source, partial));
    }
    expect(core.autocomplete("entity", "", 100)).toHaveLength(25);
    expect(core.autocomplete("entity", "", 5)).toHaveLength(5);
    expect(core.autocomplete("entity", "a", 0)).toEqual([]);
  });

  it("finds an entity from a typo, as name (kind) and id", () => {
    const cs = core.autocomplete("entity", "tranium");
    expect(cs[0]).toEqual({ name: "AWS Trainium (chip)", value: "trainium" });
  });

  it("finds entities by prefix of any word of a name or alias", () => {
    expect(core.autocomplete("entity", "infer").map((c) => c.value)).toEqual(expect.arrayContaining(["inferentia", "inferentia2"]));
    expect(core.autocomplete("entity", "NVD")[0]?.value).toBe("nvidia");
  });

  it("offers years with events first for timeline subjects", () => {
    const cs = core.autocomplete("subject", "202");
    const years = cs.filter((c) => /^\d{4}$/.test(c.value));
    expect(years.length).toBeGreaterThan(0);
    expect(cs.slice(0, years.length)).toEqual(years);
    expect(years.map((y) => y.value)).toContain("2024");
    for (const y of years) expect(kb.facts.some((f) => f.date?.start.startsWith(y.value))).toBe(true);
  });

  it("question source echoes the typed text first, then suggested questions", () => {
    const cs = core.autocomplete("question", "  when was trainium ");
    expect(cs[0]).toEqual({ name: "when was trainium", value: "when was trainium" });
    expect(cs.slice(1).map((c) => c.value)).toContain("When was Trainium announced?");
    const questions = new Set(kb.questions.map((q) => q.question));
    for (const c of cs.slice(1)) expect(questions.has(c.value)).toBe(true);
  });

  it("question source with nothing typed lists suggested questions", () => {
    const cs = core.autocomplete("question", "");
    expect(cs.map((c) => c.value)).toEqual(kb.questions.slice(0, 25).map((q) => q.question));
  });
});

describe("quickAnswer", () => {
  it("stays quiet for chit-chat and statements", () => {
    for (const m of ["hi there!", "lol", "thanks everyone", "is it lunch time?", "what is the weather like today?", "Amazon announced Trainium in 2020", "ok", "   "]) {
      expect(core.quickAnswer(m, ctx), m).toBeUndefined();
    }
  });

  it("stays quiet for long messages even when they ask something covered", () => {
    expect(core.quickAnswer(`${"so anyway ".repeat(40)}when was trainium announced?`, ctx)).toBeUndefined();
  });

  it("answers a clear question about the knowledge base, briefly", () => {
    const a = core.quickAnswer("when was trainium announced?", ctx);
    expect(a).toBeDefined();
    expect(a!.kind).toBe("fact");
    expect(a!.confident).toBe(true);
    expect(allItems(a!)[0]?.id).toBe("trainium-announced-2020");
    expect(allItems(a!).length).toBeLessThanOrEqual(2);
    expect(a!.fallbackText).toBe(toPlainText({ ...a!, fallbackText: undefined } as unknown as Answer));
  });

  it("answers a question without a question mark when it starts like one", () => {
    expect(core.quickAnswer("how much did amazon invest in anthropic", ctx)?.kind).toBe("fact");
  });
});

describe("--json contract", () => {
  it("has query, answered, kind, text and results with fact and entity items only", () => {
    const q = "when was trainium announced?";
    const a = core.handleText(q, ctx);
    const j = toContractJson(q, a);
    expect(Object.keys(j).sort()).toEqual(["answered", "kind", "query", "results", "text"]);
    expect(j).toMatchObject({ query: q, answered: true, kind: "fact", text: a.fallbackText });
    expect(j.results[0]).toEqual({
      id: "trainium-announced-2020",
      kind: "fact",
      title: "AWS Trainium",
      text: kb.factById.get("trainium-announced-2020")!.text,
      date: "2020",
      score: allItems(a)[0]!.score,
      sources: allItems(a)[0]!.sources.map((s) => s.label),
    });
    expect(j.results.map((r) => r.id)).toEqual(recordIds(a));
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });

  it("answered is false for no-answer and error; dates are null when absent", () => {
    expect(toContractJson("q", core.ask("how do I bake sourdough bread?", ctx))).toMatchObject({ answered: false, kind: "no-answer", results: [] });
    expect(toContractJson("q", core.ask("x".repeat(10_000), ctx))).toMatchObject({ answered: false, kind: "error", results: [] });
    const about = toContractJson("about trainium", core.handleText("about trainium", ctx));
    expect(about.results[0]).toMatchObject({ id: "trainium", kind: "entity", date: null });
  });

  it("leaves command and source items out of results", () => {
    expect(toContractJson("help", core.handleText("help", ctx))).toMatchObject({ answered: true, kind: "help", results: [] });
    const s = toContractJson("sources", core.handleText("sources", ctx));
    expect(s.results).toEqual([]);
    // each source is listed once, as an item; no "Sources:" footer repeats the list
    const answer = core.handleText("sources", ctx);
    expect(allItems(answer).map((i) => i.id).sort()).toEqual(kb.sources.map((x) => x.id).sort());
    expect(answerSources(answer)).toEqual([]);
    expect(answer.fallbackText).not.toMatch(/^Sources:/m);
    for (const src of kb.sources) expect(answer.fallbackText.split(`${src.title} (`).length - 1, src.id).toBe(1);
  });
});
