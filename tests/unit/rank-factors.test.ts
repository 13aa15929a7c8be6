// Each ranking factor on its own, with the question it serves. The numbers come from src/core/rank/config.ts.
import { describe, expect, it } from "vitest";
import { parseKbDate, type KbDate } from "../../src/kb/dates.js";
import { DATE_FIT, ENTITY_MATCH, KIND_FIT, LENGTH_FIT, RANK, STATUS_FIT, TYPE_FIT } from "../../src/core/rank/config.js";
import { dateFit, entityMatch, kindFit, lengthFit, statusFit, termCoverage, typeFit, wordFit, type EntityDemand, type TermExpansion } from "../../src/core/rank/factors.js";
import { SmallSet } from "../../src/core/compact-set.js";

const date = (text: string) => parseKbDate(text) as KbDate;
const demand = (id: string, weight = 1, credits: [string, number][] = []): EntityDemand => ({ weight, options: [{ id, confidence: 1, credits: new Map(credits) }] });
/** A record's terms as dictionary ids. */
const terms = (...ids: number[]) => ({ hasId: (id: number) => ids.includes(id) });
const x = (weight: number, ...variants: [number, number][]): TermExpansion => ({ term: `t${variants[0]?.[0]}`, weight, variants: variants.map(([id, credit]) => ({ term: `t${id}`, credit, id })) });

describe("entityMatch: does the record name what the question names?", () => {
  it("a record about the entity beats one that only mentions it, which beats one about a part or neither", () => {
    const asked = [demand("trainium", 1, [["trn1", ENTITY_MATCH.child]])];
    expect(entityMatch("trainium", new SmallSet(["trainium"]), asked)).toBe(ENTITY_MATCH.subject);
    expect(entityMatch("aws", new SmallSet(["aws", "trainium"]), asked)).toBe(ENTITY_MATCH.named);
    expect(entityMatch("aws", new SmallSet(["aws", "trn1"]), asked)).toBe(ENTITY_MATCH.child);
    expect(entityMatch("aws", new SmallSet(["aws"]), asked)).toBe(ENTITY_MATCH.none);
  });

  it("weighs each name by its specificity: missing the rare name costs more than missing the common one", () => {
    const asked = [demand("amazon", 0.5), demand("annapurna-labs", 3)];
    const onlyCommon = entityMatch("amazon", new SmallSet(["amazon"]), asked);
    const onlyRare = entityMatch("annapurna-labs", new SmallSet(["annapurna-labs"]), asked);
    expect(onlyRare).toBeGreaterThan(onlyCommon);
    expect(entityMatch("x", new SmallSet(["x"]), [])).toBe(1);
  });
});

describe("termCoverage: how many of the question's words the record has", () => {
  it("counts each word at the credit of its best variant, weighted by rarity", () => {
    const q = [x(3, [1, 1], [2, 0.8]), x(1, [3, 1])];
    expect(termCoverage(terms(1, 3), q)).toBe(1);
    expect(termCoverage(terms(2), q)).toBeCloseTo((3 * 0.8) / 4);
    expect(termCoverage(terms(3), q)).toBeCloseTo(1 / 4);
    expect(termCoverage(terms(), [])).toBe(1);
  });
});

describe("wordFit: words and names together", () => {
  it("with a name matched, words lift the fit from a floor; without a name, a partial match sinks (squared)", () => {
    expect(wordFit(0, true, true)).toBe(RANK.namedWordFloor);
    expect(wordFit(1, true, true)).toBe(1);
    expect(wordFit(0.5, true, false)).toBeCloseTo(0.25);
    expect(wordFit(0, false, true)).toBe(RANK.noTermsFit);
  });
});

describe("typeFit: does the record hold the kind of answer asked for?", () => {
  it("money for 'how much', a near type for less, none for least", () => {
    expect(typeFit(["money", "exactMoney"], [], new Set(), "money")).toBe(1);
    expect(typeFit(["money"], [], new Set(), "money")).toBe(TYPE_FIT.money!.money);
    expect(typeFit(["percentage"], [], new Set(), "money")).toBe(TYPE_FIT.money!.percentage);
    expect(typeFit(["date"], [], new Set(), "money")).toBe(TYPE_FIT.money!.miss);
    expect(typeFit([], [], new Set(), "description")).toBe(1);
  });

  it("'when': a statement whose value is the date beats one that merely carries a date", () => {
    expect(typeFit(["date", "event"], [], new Set(), "date")).toBe(1);
    expect(typeFit(["date"], [], new Set(), "date")).toBe(TYPE_FIT.date!.date);
  });

  it("'who': only people and organisations the question did not itself name answer it", () => {
    const agents = [["amazon", "organization"], ["andy-jassy", "person"]] as const;
    expect(typeFit([], agents, new Set(["andy-jassy"]), "person")).toBe(TYPE_FIT.person!.organization);
    expect(typeFit([], agents, new Set(["andy-jassy", "amazon"]), "person")).toBe(TYPE_FIT.person!.miss);
    expect(typeFit([], [["claude", "thing"]], new Set(), "name")).toBe(1);
    expect(typeFit([], agents, new Set(["andy-jassy"]), "personOnly")).toBe(TYPE_FIT.personOnly!.organization);
  });
});

describe("kindFit: 'which chips …' wants records naming chips beyond those asked about", () => {
  it("rewards several, then one, then none", () => {
    expect(kindFit(2, true)).toBe(KIND_FIT.many);
    expect(kindFit(1, true)).toBe(KIND_FIT.one);
    expect(kindFit(0, true)).toBe(KIND_FIT.none);
    expect(kindFit(0, false)).toBe(1);
  });
});

describe("dateFit: does the record's date fall in the span asked about?", () => {
  const y2024 = { start: "2024-01-01", end: "2024-12-31", label: "2024" };
  it("inside beats overlapping beats outside; an undated record fits a dated question least", () => {
    expect(dateFit(date("2024-11"), [y2024], undefined)).toBe(DATE_FIT.inside);
    expect(dateFit(date("2023..2024"), [y2024], undefined)).toBe(DATE_FIT.overlaps);
    expect(dateFit(date("2019"), [y2024], undefined)).toBe(DATE_FIT.outside);
    expect(dateFit(undefined, [y2024], undefined)).toBe(DATE_FIT.undated);
    expect(dateFit(undefined, [], undefined)).toBe(1);
  });

  it("for a why-question the date names the event explained: an undated reason fits it nearly as well as a dated one", () => {
    expect(dateFit(undefined, [y2024], undefined, true)).toBe(DATE_FIT.undatedReason);
    expect(DATE_FIT.undatedReason).toBeGreaterThan(DATE_FIT.undated);
    expect(dateFit(date("2019"), [y2024], undefined, true)).toBe(DATE_FIT.outside);
  });

  it("'as of March 2024' keeps to what was known by then", () => {
    const asOf = { start: "0000-01-01", end: "2024-03-31", label: "Mar 2024" };
    expect(dateFit(date("2023"), [], asOf)).toBe(1);
    expect(dateFit(date("2024-11"), [], asOf)).toBe(DATE_FIT.asOfAfter);
    // an undated statement may be later; an undated reason ("why not, by late 2024") is not
    expect(dateFit(undefined, [], asOf)).toBe(DATE_FIT.asOfUndated);
    expect(dateFit(undefined, [], asOf, true)).toBe(1);
  });
});

describe("statusFit: corrections, descriptions and conflicts each answer their own questions", () => {
  const stated = { status: "stated" as const, isEntity: false, isConflict: false };
  const q = { wantsRecord: false, wantsConflict: false, describes: false };
  it("ranks the public record below the article's claim unless asked for, and conflicts only when asked", () => {
    expect(statusFit(stated, q)).toBe(1);
    expect(statusFit({ ...stated, status: "corrected" }, q)).toBe(STATUS_FIT.correctedUnasked);
    expect(statusFit({ ...stated, status: "corrected" }, { ...q, wantsRecord: true })).toBe(1);
    expect(statusFit({ ...stated, isConflict: true }, q)).toBe(STATUS_FIT.conflictUnasked);
    expect(statusFit({ ...stated, isConflict: true }, { ...q, wantsConflict: true })).toBe(STATUS_FIT.conflictAsked);
    expect(statusFit({ ...stated, isEntity: true }, { ...q, describes: true })).toBe(1);
    expect(statusFit({ ...stated, isEntity: true }, q)).toBe(STATUS_FIT.descriptionOther);
  });
});

describe("lengthFit: a focused record beats a long one matching by its length alone", () => {
  it("stays between its floor and ceiling", () => {
    expect(lengthFit(1, 10)).toBe(LENGTH_FIT.ceiling);
    expect(lengthFit(1000, 10)).toBe(LENGTH_FIT.floor);
    expect(lengthFit(5, 10)).toBeGreaterThan(lengthFit(20, 10));
  });
});
