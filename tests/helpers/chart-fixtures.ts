// The timeline answers the chart tests draw: frozen from the shipped knowledge base by
// scripts/chart-fixtures.ts, so a change to the core or the data never moves a chart golden.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ChartHints, ItemHints } from "../../src/chart/hints.js";
import type { Answer } from "../../src/core/answer.js";

export const CHART_FIXTURES = ["few", "many", "precisions"] as const;
export type ChartFixtureName = (typeof CHART_FIXTURES)[number];

export function chartFixture(name: ChartFixtureName): { answer: Answer; hints: ChartHints } {
  const file = join(import.meta.dirname, "..", "fixtures", "chart", `${name}.json`);
  const { answer, hints } = JSON.parse(readFileSync(file, "utf8")) as { answer: Answer; hints: Record<string, ItemHints> };
  return { answer, hints: (id) => hints[id] };
}
