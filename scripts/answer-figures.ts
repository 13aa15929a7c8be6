// Developer tool: the figures issue 12 asks for, from the `ask --json` contract so before/after compare alike.
//   npm run --silent ask -- --json --stdin < questions.txt | node --import tsx scripts/answer-figures.ts
// Prints answer lengths (median/max of `text`), answers over 700 / 1,500 characters, and source repeats: a
// source (publisher and date) named more than once in an answer's "Sources:" line.
import { createInterface } from "node:readline";

interface Line {
  query: string;
  answered: boolean;
  text: string;
}

const lengths: number[] = [];
let repeats = 0;
let answersWithRepeats = 0;
let worst = 0;
for await (const raw of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (!raw.trim()) continue;
  const a = JSON.parse(raw) as Line;
  if (!a.answered) continue;
  lengths.push(a.text.length);
  const line = a.text.split("\n").find((l) => l.startsWith("Sources: "));
  if (!line) continue;
  // Before issue 12: "publisher, date · section; …" per reference. After: "publisher, date — sections: A; B · …" per source.
  const body = line.slice("Sources: ".length);
  const names = / — sections?: /.test(body) || !body.includes("; ") ? body.split(" · ").map((s) => s.split(" — ")[0]!.trim()) : body.split("; ").map((s) => s.split(" · ")[0]!.trim());
  const extra = names.length - new Set(names).size;
  repeats += extra;
  if (extra) answersWithRepeats++;
  worst = Math.max(worst, extra);
}
lengths.sort((x, y) => x - y);
const median = lengths.length ? (lengths[(lengths.length - 1) >> 1]! + lengths[lengths.length >> 1]!) / 2 : 0;
console.log(JSON.stringify({
  answered: lengths.length,
  medianChars: median,
  maxChars: lengths.at(-1) ?? 0,
  over700: lengths.filter((n) => n > 700).length,
  over1500: lengths.filter((n) => n > 1500).length,
  sourceRepeats: repeats,
  answersWithSourceRepeats: answersWithRepeats,
  mostRepeatsInOneAnswer: worst,
}));
