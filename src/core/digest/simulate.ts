// A channel's digests over consecutive days, with the history carried from day to day as the scheduler carries
// it (the previous posted digest's date for "New since", the facts of the day already shown for the rotation).
// Pure: `npm run digest -- --dry-run --days N` prints it, and tests check a run of days with it.
import type { KnowledgeBase } from "../../kb/types.js";
import { addDays, formatDay, parseDay } from "./calendar.js";
import { composeDigest, type DigestOptions } from "./compose.js";

/** One day of a simulated channel: what a reviewer checks for repetition and refusals. */
export interface DigestDay {
  date: string;
  /** the records "On this day" showed, in order */
  onThisDay: string[];
  factOfDay: string | null;
  tryAsking: string | null;
}

export type SimulationOptions = Omit<DigestOptions, "date" | "usedFactIds" | "lastDeliveredAt"> & {
  /** the first day, YYYY-MM-DD */
  start: string;
  days: number;
  /** the channel's last digest before the first day (absent: the first day is its first digest) */
  since?: string;
};

export function simulateDigests(kb: KnowledgeBase, opts: SimulationOptions): DigestDay[] {
  const first = parseDay(opts.start);
  if (!first) throw new RangeError(`start "${opts.start}" is not a calendar day (YYYY-MM-DD)`);
  const { start: _start, days, since, ...digest } = opts;
  const used: string[] = [];
  let last = since;
  const out: DigestDay[] = [];
  for (let i = 0; i < days; i++) {
    const date = formatDay(addDays(first, i));
    const r = composeDigest(kb, { ...digest, date, usedFactIds: [...used], ...(last ? { lastDeliveredAt: last } : {}) });
    out.push({ date, onThisDay: r.onThisDayIds, factOfDay: r.factOfTheDayId ?? null, tryAsking: r.tryAsking ?? null });
    if (r.factOfTheDayId) used.push(r.factOfTheDayId);
    last = date;
  }
  return out;
}
