// npm run eval [-- --update] [-- SET.jsonl ...]
// Answer quality, measured as users meet it: every question set in tests/eval goes through the `ask --json
// --stdin` contract (one process, one line per question), scored with the rules of ../shared/tools/
// score-answers.mjs (visible: every expected group somewhere in the answer; top-1: in its first line or first
// result; no-answer questions must be refused). Each set's scores are checked against tests/eval/floors.json, and
// the top three record ids of every question against tests/eval/top3.snapshot.json, so a ranking change shows as
// a reviewable diff. Exit 1 when a floor is missed or the snapshot differs (`--update` rewrites the snapshot).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";

interface Question {
  id: string;
  question: string;
  expect_any: string[][];
}
interface Floors {
  visible: number;
  top1: number;
  refusal: number;
}

const root = resolve(import.meta.dirname, "..", "..");
const dir = join(root, "tests", "eval");
const args = process.argv.slice(2);
const update = args.includes("--update");
const files = args.filter((a) => a.endsWith(".jsonl"));
const sets = files.length ? files.map((f) => resolve(f)) : readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort().map((f) => join(dir, f));
const floors = JSON.parse(readFileSync(join(dir, "floors.json"), "utf8")) as Record<string, Floors | string>;
const snapshotFile = join(dir, "top3.snapshot.json");
const stored = JSON.parse(readFileSync(snapshotFile, "utf8")) as Record<string, string>;
/** A fixed clock, so "last year" means the same thing on every run. */
const NOW = "2026-11-27T12:00:00Z";

const has = (hay: string, groups: string[][]) => groups.every((g) => g.some((alt) => hay.toLowerCase().includes(String(alt).toLowerCase())));
const pct = (a: number, b: number) => (b ? (100 * a) / b : 100);

let failed = false;
const snapshot: Record<string, string> = {};
for (const file of sets) {
  const name = basename(file, ".jsonl");
  const questions = readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as Question);
  const run = spawnSync(process.execPath, ["--import", "tsx", join(root, "src", "cli", "ask.ts"), "--json", "--stdin"], {
    cwd: root,
    input: questions.map((q) => q.question.replace(/\n/g, " ")).join("\n") + "\n",
    encoding: "utf8",
    env: { ...process.env, AISTACK_NOW: NOW },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) {
    console.error(`${name}: the ask command failed (exit ${run.status})\n${run.stderr.slice(-1500)}`);
    process.exit(1);
  }
  const answers = run.stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { answered: boolean; text: string; results?: { id: string; title?: string; text?: string }[] });
  let answerable = 0, visible = 0, top1 = 0, unanswerable = 0, refused = 0;
  questions.forEach((q, i) => {
    const a = answers[i]!;
    snapshot[`${name}/${q.id}`] = a.answered === false ? "refused" : (a.results ?? []).slice(0, 3).map((r) => r.id).join(" ");
    if (!q.expect_any.length) {
      unanswerable++;
      if (a.answered === false) refused++;
      return;
    }
    answerable++;
    if (a.answered === false) return;
    const first = `${a.text.split("\n")[0]} ${a.results?.[0] ? `${a.results[0].title ?? ""} ${a.results[0].text ?? ""}` : ""}`;
    if (has(a.text, q.expect_any)) visible++;
    if (has(first, q.expect_any)) top1++;
  });
  const got = { visible: pct(visible, answerable), top1: pct(top1, answerable), refusal: pct(refused, unanswerable) };
  const floor = typeof floors[name] === "object" ? floors[name] : undefined;
  const short = floor ? (Object.keys(got) as (keyof Floors)[]).filter((k) => got[k] < floor[k]) : [];
  if (short.length) failed = true;
  console.log(
    `${name}: visible ${got.visible.toFixed(1)}% top1 ${got.top1.toFixed(1)}% of ${answerable}; refused ${refused}/${unanswerable}` +
      (floor ? ` (floors ${floor.visible}/${floor.top1}/${floor.refusal})` : " (no floors)") +
      (short.length ? ` BELOW FLOOR: ${short.join(", ")}` : ""),
  );
}

const changed = Object.keys({ ...stored, ...snapshot }).filter((k) => stored[k] !== snapshot[k] && (files.length === 0 || k.split("/")[0]! in Object.fromEntries(sets.map((s) => [basename(s, ".jsonl"), 1]))));
if (update) {
  writeFileSync(snapshotFile, JSON.stringify(Object.fromEntries(Object.entries(files.length ? { ...stored, ...snapshot } : snapshot).sort()), null, 1) + "\n");
  console.log(`top-3 snapshot written (${changed.length} changed)`);
} else if (changed.length) {
  failed = true;
  for (const k of changed.slice(0, 40)) console.log(`top-3 changed ${k}: ${stored[k] ?? "(new)"} -> ${snapshot[k] ?? "(gone)"}`);
  console.log(`${changed.length} question(s) rank differently from tests/eval/top3.snapshot.json: review, then npm run eval -- --update`);
}
process.exit(failed ? 1 : 0);
