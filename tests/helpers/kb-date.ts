// A knowledge-base date from its data-file form, for hand-built test answers.
import { parseKbDate, type KbDate } from "../../src/kb/dates.js";

export function kbDate(s: string): KbDate {
  const d = parseKbDate(s);
  if (typeof d === "string") throw new Error(d);
  return d;
}
