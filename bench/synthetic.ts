// Synthetic knowledge bases shaped like data/*.yaml, from a deterministic seed: companies, divisions, chips,
// models, services and people with aliases (tickers, "Inc." forms, code names, misspellings), dated facts at
// every precision the schema knows (day, month, quarter, half, early/mid/late, year, ranges), amounts with
// currency and basis. Emitted as YAML text and loaded through the real loader (buildKnowledgeBase), so the
// real validation, index and query path run on them.
import { buildKnowledgeBase } from "../src/kb/loader.js";
import { parseKbDate } from "../src/kb/dates.js";
import type { Fact, ValueType } from "../src/kb/schema.js";
import { restatementKey } from "../src/kb/statements.js";
import type { KnowledgeBase } from "../src/kb/types.js";

/** The same seeded generator the digest uses for its fact rotation: deterministic for a seed. */
import { prng as rng } from "../src/core/digest/rotation.js";

export { rng };
export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

const ONSETS = ["b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "cr", "dr", "gr", "kr", "pr", "tr", "st", "sk", "qu", "th", "ph", "x"];
const VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y"];
const CODAS = ["", "", "", "n", "r", "s", "l", "x", "m", "th", "nd", "rk", "st"];
const COMPANY_SUFFIX = ["Labs", "Systems", "AI", "Cloud", "Computing", "Networks", "Semiconductor", "Robotics", "Dynamics", "Technologies", ""];
const CHIP_WORDS = ["Accelerator", "Processor", "NPU", "GPU", "TPU", "Inference Chip", "Training Chip"];
const SERVICE_WORDS = ["Studio", "Platform", "Cloud", "Hub", "Runtime", "Gateway", "Console", "Vault"];
const MODEL_WORDS = ["Pro", "Ultra", "Mini", "Flash", "Large", "Nano", "Max"];
const FIRST = ["Ada", "Ravi", "Mei", "Jonas", "Priya", "Tomas", "Lena", "Omar", "Sofia", "Kenji", "Nadia", "Felix", "Ines", "Marco", "Yara", "Elena", "Hugo", "Aiko", "Diego", "Maya"];
const LAST = ["Okafor", "Lindqvist", "Haddad", "Moreau", "Tanaka", "Kowalski", "Brennan", "Castillo", "Nakamura", "Petrov", "Adeyemi", "Larsen", "Quinlan", "Varga", "Delacroix", "Iyer", "Sorensen", "Mbeki", "Rossi", "Whitfield"];
const DOMAINS = ["genomics", "logistics", "retail", "healthcare", "robotics", "fraud detection", "translation", "drug discovery", "weather forecasting", "search", "advertising", "customer support", "code generation", "speech recognition", "video analysis", "chip design", "climate modelling", "legal review", "insurance", "gaming"];
const REGIONS = ["Europe", "North America", "Japan", "India", "Brazil", "the Middle East", "Australia", "Korea", "Singapore", "Canada"];
const ROLES = ["chief executive", "chief technology officer", "head of research", "vice president of infrastructure", "chief scientist", "general manager"];
const BASES = ["committed", "funded", "upfront", "over five years", "in tranches"];
const TOPICS = ["clouds", "chips", "models", "investments", "people", "competition", "risks", "services"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export type SynthKind = "company" | "division" | "chip" | "service" | "model" | "person";
interface SynthEntity {
  id: string;
  kind: SynthKind;
  name: string;
  aliases: string[];
  description: string;
  parent?: string;
  topics: string[];
}
interface SynthFact {
  id: string;
  subject: string;
  predicate: string;
  value: string;
  text: string;
  entities: string[];
  date?: string;
  qualifiers: Record<string, string | number>;
  keywords: string[];
  topics: string[];
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

function word(r: () => number, syllables: number): string {
  let w = "";
  for (let i = 0; i < syllables; i++) w += pick(r, ONSETS) + pick(r, VOWELS) + (i === syllables - 1 ? pick(r, CODAS) : "");
  return w;
}

/** A plausible misspelling, as articles and users make them: one letter dropped or two swapped. */
export function misspell(r: () => number, w: string): string {
  if (w.length < 5) return w;
  const i = int(r, 1, w.length - 3);
  return r() < 0.5 ? w.slice(0, i) + w.slice(i + 1) : w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
}

/** A date string in one of the schema's forms, and the year it falls in. */
function dateText(r: () => number): string {
  const y = int(r, 2012, 2026);
  const m = int(r, 1, 12);
  const p = r();
  const pad = (n: number) => String(n).padStart(2, "0");
  if (p < 0.3) return `${y}-${pad(m)}-${pad(int(r, 1, 28))}`;
  if (p < 0.6) return `${y}-${pad(m)}`;
  if (p < 0.72) return `${y}-Q${int(r, 1, 4)}`;
  if (p < 0.77) return `${y}-H${int(r, 1, 2)}`;
  if (p < 0.87) return `${pick(r, ["early", "mid", "late"])} ${y}`;
  if (p < 0.95) return String(y);
  return `${y}..${y + int(r, 1, 2)}`;
}

/** How a date reads in a sentence, honest about its precision. */
export function dateWords(d: string): string {
  let m: RegExpMatchArray | null;
  if ((m = d.match(/^(\d{4})-(\d{2})-(\d{2})$/))) return `on ${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  if ((m = d.match(/^(\d{4})-(\d{2})$/))) return `in ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  if ((m = d.match(/^(\d{4})-Q(\d)$/))) return `in Q${m[2]} ${m[1]}`;
  if ((m = d.match(/^(\d{4})-H(\d)$/))) return `in the ${m[2] === "1" ? "first" : "second"} half of ${m[1]}`;
  if ((m = d.match(/^(early|mid|late) (\d{4})$/))) return `in ${m[1] === "mid" ? "mid-" : m[1] + " "}${m[2]}`;
  if ((m = d.match(/^(\d{4})\.\.(\d{4})$/))) return `between ${m[1]} and ${m[2]}`;
  return `in ${d}`;
}

const money = (r: () => number): { amount: number; words: string } => {
  if (r() < 0.6) {
    const b = Math.round((0.1 + r() * 12) * 10) / 10;
    return { amount: b * 1e9, words: `$${b} billion` };
  }
  const mil = int(r, 5, 900);
  return { amount: mil * 1e6, words: `$${mil} million` };
};

export interface SyntheticKb {
  records: number;
  files: { file: string; text: string }[];
}

/** `records` facts (the unit of every size), about records/4 entities, one source, a few suggested questions. */
export function generate(records: number, seed = 20260101): SyntheticKb {
  const r = rng(seed ^ records);
  const entities: SynthEntity[] = [];
  const facts: SynthFact[] = [];
  const usedNames = new Set<string>();
  const usedIds = new Set<string>(["synthetic"]);
  const uniqueId = (base: string) => {
    let id = slug(base) || "x";
    for (let n = 2; usedIds.has(id); n++) id = `${slug(base)}-${n}`;
    usedIds.add(id);
    return id;
  };
  const uniqueName = (make: () => string) => {
    for (;;) {
      const n = make();
      if (!usedNames.has(n.toLowerCase())) {
        usedNames.add(n.toLowerCase());
        return n;
      }
    }
  };

  const nEntities = Math.max(8, Math.round(records / 4));
  const companies: SynthEntity[] = [];
  for (let i = 0; i < nEntities; i++) {
    const roll = i < 4 ? 0 : r();
    if (roll < 0.3 || companies.length === 0) {
      const root = cap(word(r, int(r, 2, 3)));
      const suffix = pick(r, COMPANY_SUFFIX);
      const name = uniqueName(() => (suffix ? `${root} ${suffix}` : root) + (usedNames.has(`${root} ${suffix}`.toLowerCase()) ? ` ${cap(word(r, 1))}` : ""));
      const ticker = name.replace(/[^A-Za-z]/g, "").slice(0, 4).toUpperCase();
      const aliases = [`${name.split(" ")[0]} Inc.`, ticker];
      if (r() < 0.3) aliases.push(misspell(r, name.split(" ")[0]!));
      const e: SynthEntity = { id: uniqueId(name), kind: "company", name, aliases, description: `${name} is a company building AI ${pick(r, ["infrastructure", "models", "chips", "software", "services"])} for ${pick(r, DOMAINS)}.`, topics: ["investments", "competition"] };
      entities.push(e);
      companies.push(e);
      continue;
    }
    const parent = pick(r, companies);
    const brand = parent.name.split(" ")[0]!;
    if (roll < 0.45) {
      const name = uniqueName(() => `${cap(word(r, 2))}${int(r, 1, 9) * 100}`);
      entities.push({ id: uniqueId(name), kind: "chip", name, aliases: [`${brand} ${name}`, `${name} ${pick(r, CHIP_WORDS)}`], description: `${name} is ${parent.name}'s ${pick(r, CHIP_WORDS).toLowerCase()} for ${pick(r, ["training", "inference", "both training and inference"])}.`, parent: parent.id, topics: ["chips"] });
    } else if (roll < 0.62) {
      const name = uniqueName(() => `${brand} ${cap(word(r, 2))} ${pick(r, SERVICE_WORDS)}`);
      const short = name.split(" ").slice(1).join(" ");
      entities.push({ id: uniqueId(name), kind: "service", name, aliases: [short, name.split(" ").map((w) => w[0]).join("")], description: `${name} is a managed service for ${pick(r, DOMAINS)} from ${parent.name}.`, parent: parent.id, topics: ["services"] });
    } else if (roll < 0.8) {
      const base = cap(word(r, 2));
      const name = uniqueName(() => `${base} ${int(r, 1, 5)}${r() < 0.5 ? "" : ` ${pick(r, MODEL_WORDS)}`}`);
      entities.push({ id: uniqueId(name), kind: "model", name, aliases: [name.replace(/ /g, "-"), `${brand} ${name}`], description: `${name} is a ${pick(r, ["large language", "multimodal", "speech", "vision", "code"])} model from ${parent.name}.`, parent: parent.id, topics: ["models"] });
    } else if (roll < 0.9) {
      const name = uniqueName(() => `${brand} ${pick(r, ["Cloud", "Research", "Devices", "Silicon", "Ventures"])}${r() < 0.3 ? ` ${cap(word(r, 1))}` : ""}`);
      entities.push({ id: uniqueId(name), kind: "division", name, aliases: [name.split(" ").map((w) => w[0]).join("") + "X"], description: `${name} is the ${name.split(" ")[1]!.toLowerCase()} division of ${parent.name}.`, parent: parent.id, topics: ["clouds"] });
    } else {
      const name = uniqueName(() => `${pick(r, FIRST)} ${pick(r, LAST)}${r() < 0.5 ? "" : `-${cap(word(r, 2))}`}`);
      entities.push({ id: uniqueId(name), kind: "person", name, aliases: [name.split(" ").slice(1).join(" ")], description: `${name} is the ${pick(r, ROLES)} of ${parent.name}.`, parent: parent.id, topics: ["people"] });
    }
  }

  const entityById = new Map(entities.map((e) => [e.id, e]));
  const byKind = (k: SynthKind) => entities.filter((e) => e.kind === k);
  const people = byKind("person");
  const products = entities.filter((e) => e.kind !== "company" && e.kind !== "person");
  const otherCompany = (not: string) => {
    for (let t = 0; t < 5; t++) {
      const c = pick(r, companies);
      if (c.id !== not) return c;
    }
    return companies.find((c) => c.id !== not) ?? companies[0]!;
  };

  const restated = new Set<string>();
  let redraws = 0;
  for (let i = 0; i < records; i++) {
    // Facts cluster on entities the way real ones do: a few prominent subjects, a long tail.
    const subject = r() < 0.3 ? entities[Math.floor(r() ** 3 * entities.length)]! : pick(r, entities);
    const parent = subject.parent ? entityById.get(subject.parent) : undefined;
    const date = r() < 0.85 ? dateText(r) : undefined;
    const when = date ? ` ${dateWords(date)}` : "";
    const domain = pick(r, DOMAINS);
    const region = pick(r, REGIONS);
    let f: Omit<SynthFact, "id">;
    switch (subject.kind) {
      case "company": {
        const kind = pick(r, ["invested", "acquired", "raised", "partnered", "opened_region", "hired"] as const);
        const other = otherCompany(subject.id);
        const m = money(r);
        if (kind === "invested") f = { subject: subject.id, predicate: "invested_in", value: m.words, text: `${subject.name} invested ${m.words} in ${other.name}${when} to expand its ${domain} work.`, entities: [other.id], qualifiers: { amount: m.amount, currency: "USD", basis: pick(r, BASES) }, keywords: ["investment", "funding", "stake"], topics: ["investments"] };
        else if (kind === "acquired") f = { subject: subject.id, predicate: "acquired", value: `${other.name} for ${m.words}`, text: `${subject.name} acquired ${other.name} for ${m.words}${when}, adding its ${domain} team.`, entities: [other.id], qualifiers: { amount: m.amount, currency: "USD" }, keywords: ["acquisition", "bought", "purchase", "deal"], topics: ["investments", "competition"] };
        else if (kind === "raised") f = { subject: subject.id, predicate: "raised", value: m.words, text: `${subject.name} raised ${m.words} in a funding round led by ${other.name}${when}.`, entities: [other.id], qualifiers: { amount: m.amount, currency: "USD", basis: `for a ${int(r, 1, 30)}% stake` }, keywords: ["funding round", "valuation", "investors"], topics: ["investments"] };
        else if (kind === "partnered") f = { subject: subject.id, predicate: "partnered_with", value: other.name, text: `${subject.name} signed a ${domain} partnership with ${other.name}${when}.`, entities: [other.id], qualifiers: {}, keywords: ["partnership", "alliance", "agreement"], topics: ["competition"] };
        else if (kind === "opened_region") f = { subject: subject.id, predicate: "opened_region", value: region, text: `${subject.name} opened a data centre region in ${region}${when} for ${domain} customers.`, entities: [], qualifiers: { region }, keywords: ["data center", "expansion", "capacity"], topics: ["clouds"] };
        else {
          const p = people.length ? pick(r, people) : undefined;
          const role = pick(r, ROLES);
          f = p
            ? { subject: subject.id, predicate: "appointed", value: p.name, text: `${subject.name} appointed ${p.name} as ${role}${when}.`, entities: [p.id], qualifiers: { role }, keywords: ["hire", "executive", "leadership"], topics: ["people"] }
            : { subject: subject.id, predicate: "employees", value: `${int(r, 50, 90000)} employees`, text: `${subject.name} had ${int(r, 50, 90000)} employees${when}.`, entities: [], qualifiers: {}, keywords: ["headcount", "staff"], topics: ["competition"] };
        }
        break;
      }
      case "person": {
        const role = pick(r, ROLES);
        f = { subject: subject.id, predicate: "said", value: `${domain} demand will double`, text: `${subject.name}, ${role} at ${parent?.name ?? "the company"}, said${when} that demand for AI in ${domain} would double.`, entities: parent ? [parent.id] : [], qualifiers: { role }, keywords: ["quote", "forecast", "interview"], topics: ["people"] };
        break;
      }
      default: {
        const kind = pick(r, ["launched", "announced", "priced", "adopted", "benchmark"] as const);
        const owner = parent?.name ?? "its maker";
        const noun = subject.kind === "chip" ? "chip" : subject.kind === "model" ? "model" : subject.kind === "service" ? "service" : "unit";
        if (kind === "launched") f = { subject: subject.id, predicate: "launched", value: date ? dateWords(date).replace(/^(on|in|between) /, "") : "launched", text: `${owner} launched the ${subject.name} ${noun}${when} for ${domain}.`, entities: parent ? [parent.id] : [], qualifiers: {}, keywords: ["launch", "release", "general availability"], topics: subject.topics };
        else if (kind === "announced") f = { subject: subject.id, predicate: "announced", value: `announced for ${region}`, text: `${owner} announced ${subject.name}${when}, first available in ${region}.`, entities: parent ? [parent.id] : [], qualifiers: { region }, keywords: ["announcement", "unveiled", "preview"], topics: subject.topics };
        else if (kind === "priced") {
          const cents = int(r, 3, 900);
          f = { subject: subject.id, predicate: "price", value: `$${(cents / 100).toFixed(2)} per hour`, text: `${subject.name} was priced at $${(cents / 100).toFixed(2)} per hour for ${domain} workloads${when}.`, entities: parent ? [parent.id] : [], qualifiers: { amount: cents / 100, currency: "USD", unit: "hour" }, keywords: ["cost", "price", "pricing", "how much"], topics: [...subject.topics, "services"].filter((t, j, a) => a.indexOf(t) === j) };
        } else if (kind === "adopted") {
          const user = otherCompany(parent?.id ?? "");
          f = { subject: subject.id, predicate: "adopted_by", value: user.name, text: `${user.name} adopted ${subject.name} for ${domain}${when}.`, entities: [user.id], qualifiers: {}, keywords: ["customer", "deployment", "uses"], topics: subject.topics };
        } else {
          const pct = int(r, 5, 80);
          f = { subject: subject.id, predicate: "performance", value: `${pct}% faster`, text: `${subject.name} ran ${domain} workloads ${pct}% faster than the previous generation${when}.`, entities: parent ? [parent.id] : [], qualifiers: { amount: pct, unit: "percent" }, keywords: ["benchmark", "speed", "performance"], topics: subject.topics };
        }
      }
    }
    // The loader rejects a restatement (same subject, predicate, value and date, as its own key reads them: a money
    // record's amount and basis, a parsed date span): such a record is drawn again.
    const parsed = date ? parseKbDate(date) : undefined;
    const type = (PREDICATES.find(([id]) => id === f.predicate)?.[1] ?? "text") as ValueType;
    const key = restatementKey({ ...f, id: "", date: typeof parsed === "object" ? parsed : undefined } as unknown as Fact, type);
    if (restated.has(key) && redraws++ < records) {
      i--;
      continue;
    }
    restated.add(key);
    facts.push({ ...f, id: uniqueId(`${subject.id}-${f.predicate}-${i}`), ...(date ? { date } : {}) });
  }

  return { records, files: toYaml(entities, facts, entityById) };
}

const q = (s: string) => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar
/** The predicates the generator uses, typed so that its records carry what each type asks for (see statements.ts). */
const PREDICATES: readonly [string, string, string[]][] = [
  ["invested_in", "money", ["invest", "funding"]],
  ["acquired", "money", ["acquire", "bought"]],
  ["raised", "money", ["raise", "funding round"]],
  ["price", "money", ["price", "cost"]],
  ["performance", "percentage", ["faster", "speed"]],
  ["said", "quote", ["said", "quote"]],
  ["partnered_with", "text", ["partner", "alliance"]],
  ["opened_region", "text", ["region", "data centre"]],
  ["appointed", "text", ["appoint", "hire"]],
  ["employees", "text", ["employees", "headcount"]],
  ["launched", "text", ["launch", "release"]],
  ["announced", "text", ["announce", "unveil"]],
  ["adopted_by", "text", ["adopted", "customer"]],
];
const list = (xs: readonly string[]) => `[${xs.map(q).join(", ")}]`;
const STAMP = "  added: '2026-11-25'\n  reviewed: '2026-11-25'\n";

function toYaml(entities: SynthEntity[], facts: SynthFact[], entityById: Map<string, SynthEntity>): { file: string; text: string }[] {
  const files: { file: string; text: string }[] = [];
  files.push({
    file: "synthetic/sources.yaml",
    text: `sources:\n- id: synthetic\n  kind: article\n  title: "Synthetic benchmark corpus"\n  publisher: aistack bench\n  published: '2026-01-01'\n  sections:\n  - id: body\n    title: Body\n${STAMP}`,
  });
  const ent = entities.map(
    (e) =>
      `- id: ${e.id}\n  kind: ${e.kind === "chip" ? "chip" : e.kind}\n  name: ${q(e.name)}\n  aliases: ${list(e.aliases)}\n  description: ${q(e.description)}\n` +
      (e.parent ? `  parent: ${e.parent}\n` : "") +
      `  topics: ${list(e.topics)}\n  refs: [{source: synthetic, section: body}]\n${STAMP}`,
  );
  files.push({ file: "synthetic/entities.yaml", text: `entities:\n${ent.join("")}` });
  files.push({ file: "synthetic/predicates.yaml", text: `predicates:\n${PREDICATES.map(([id, type, words]) => `- { id: ${id}, type: ${type}, label: ${q(id.replace(/_/g, " "))}, words: ${list(words)} }\n`).join("")}` });
  const CHUNK = 5000;
  for (let i = 0; i < facts.length; i += CHUNK) {
    const body = facts.slice(i, i + CHUNK).map((f) => {
      const qual = Object.entries(f.qualifiers).map(([k, v]) => `${k}: ${typeof v === "number" ? v : q(v)}`);
      return (
        `- id: ${f.id}\n  subject: ${f.subject}\n  predicate: ${f.predicate}\n  value: ${q(f.value)}\n  text: ${q(f.text)}\n  entities: ${list(f.entities)}\n` +
        (f.date ? `  date: ${q(f.date)}\n` : "") +
        `  qualifiers: {${qual.join(", ")}}\n  keywords: ${list(f.keywords)}\n  topics: ${list(f.topics.filter((t) => (TOPICS as readonly string[]).includes(t)))}\n  refs: [{source: synthetic, section: body}]\n${STAMP}`
      );
    });
    files.push({ file: `synthetic/facts-${String(i / CHUNK).padStart(3, "0")}.yaml`, text: `facts:\n${body.join("")}` });
  }
  const qs = facts.slice(0, 5).map((f, i) => `- id: q-synth-${i}\n  question: ${q(`What did ${entityById.get(f.subject)!.name} do?`)}\n  topics: [${f.topics[0] ?? "models"}]\n${STAMP}`);
  files.push({ file: "synthetic/questions.yaml", text: `questions:\n${qs.join("")}` });
  return files;
}

/** Generates and loads through the real loader; returns the frozen knowledge base and the load time. */
export function loadSynthetic(records: number, seed?: number): { kb: KnowledgeBase; generateMs: number; loadMs: number } {
  const t0 = performance.now();
  const s = generate(records, seed);
  const t1 = performance.now();
  const kb = buildKnowledgeBase(s.files);
  return { kb, generateMs: t1 - t0, loadMs: performance.now() - t1 };
}
