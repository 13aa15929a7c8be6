// Calendar arithmetic on ISO day strings (YYYY-MM-DD), in UTC so it never depends on the host's zone.
// The digest's date is always a parameter: nothing here reads the clock.

export const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;
export const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

export interface Day {
  year: number;
  month: number;
  day: number;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses YYYY-MM-DD; undefined when it is not a real calendar day. */
export function parseDay(text: string): Day | undefined {
  const m = ISO_DAY.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

export const isIsoDay = (text: string): boolean => parseDay(text) !== undefined;

const utc = (d: Day) => new Date(Date.UTC(d.year, d.month - 1, d.day));

/** 0 = Sunday … 6 = Saturday */
export const weekday = (d: Day): number => utc(d).getUTCDay();

/** ISO 8601 week number (1–53) and its week-year. */
export function isoWeek(d: Day): { year: number; week: number } {
  const t = utc(d);
  const dow = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - dow); // the Thursday of this week decides the week-year
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return { year: t.getUTCFullYear(), week: Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7) };
}

/** "Monday 16 June 2025" */
export const longDate = (d: Day): string => `${WEEKDAY_NAMES[weekday(d)]} ${d.day} ${MONTH_NAMES[d.month - 1]} ${d.year}`;

export const pad2 = (n: number) => String(n).padStart(2, "0");
export const formatDay = (d: Day) => `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;

/** The day `n` days after `d` (before, for a negative n). */
export function addDays(d: Day, n: number): Day {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}
