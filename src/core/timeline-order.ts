// The one order every timeline uses. Rule: an event sorts at the midpoint of the time its date can mean, so a day
// or a month sorts inside its year, a whole year ("2023") among its months at mid-year, "late 2023" at the turn of
// September, a range ("2023–2024") at its middle, and a month at mid-month among its days; among events with the
// same midpoint the shorter (more precise) date comes first. Equal dates keep their given order (the sort is stable).
import type { KbDate } from "../kb/dates.js";

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

/** The middle of a date's span, in days since 1970 (a half day for an even span). */
export const midpoint = (d: Pick<KbDate, "start" | "end">): number => (dayNumber(d.start) + dayNumber(d.end)) / 2;
const span = (d: Pick<KbDate, "start" | "end">): number => dayNumber(d.end) - dayNumber(d.start);

export const byTimelineOrder = (a: KbDate, b: KbDate): number => midpoint(a) - midpoint(b) || span(a) - span(b);
