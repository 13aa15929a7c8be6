// "On this day": events dated this month and day in earlier years; on the (many) days without any, one event
// from this month in earlier years, or from the whole timeline, rotating by the date. Pure in the date, so the
// preview and the post agree, and built so that two consecutive days never show the same set:
//   - two days with events on their own date show different events (each event has one date);
//   - a rotation day shows one event of a month or longer, never equal to a day's own events;
//   - two rotation days in a row step through the same list (of at least MIN_ROTATION events) by one; where the
//     list changes overnight (a new month or a new year) and would repeat yesterday's event, it steps back instead.
import { byTimelineOrder } from "../timeline-order.js";
import type { Fact } from "../../kb/schema.js";
import { MONTH_NAMES, type Day } from "./calendar.js";

/** How many events "On this day" lists at most on a day with events of its own. */
export const ON_THIS_DAY_CAP = 3;
/**
 * The shortest list a rotation steps through: with three, today's event differs from yesterday's and tomorrow's
 * even on a day the list changes (the step back lands on neither). Shorter lists show an event every other day.
 */
const MIN_ROTATION = 3;

export type OnThisDayMode = "day" | "month" | "timeline" | "none";

export interface OnThisDay {
  mode: OnThisDayMode;
  heading: string;
  items: Fact[];
}

const HEADING = "On this day";
const DAY_MS = 86_400_000;
const dayIndex = (d: Day) => Math.floor(Date.UTC(d.year, d.month - 1, d.day) / DAY_MS);
const fromIndex = (i: number): Day => {
  const t = new Date(i * DAY_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
};
const mod = (a: number, n: number) => ((a % n) + n) % n;

type Dated = Fact & { date: NonNullable<Fact["date"]> };

/** Events of earlier years a digest may show: dated, ended before this year, and not a disputed claim. */
const earlier = (facts: readonly Fact[], today: Day): Dated[] =>
  facts.filter((f): f is Dated => Boolean(f.date) && f.status !== "disputed" && Number(f.date!.end.slice(0, 4)) < today.year);

const monthDay = (f: Dated) => ({ month: Number(f.date.start.slice(5, 7)), day: Number(f.date.start.slice(8, 10)) });

/** Events dated exactly this month and day in earlier years, newest first. */
function sameDay(facts: readonly Fact[], today: Day): Dated[] {
  return earlier(facts, today)
    .filter((f) => f.date.precision === "day" && monthDay(f).month === today.month && monthDay(f).day === today.day)
    .sort((a, b) => b.date.start.localeCompare(a.date.start) || a.id.localeCompare(b.id))
    .slice(0, ON_THIS_DAY_CAP);
}

/** The list a day without events of its own rotates through: this month's month-dated events, else the timeline's. */
function rotation(facts: readonly Fact[], today: Day): { mode: "month" | "timeline"; list: Dated[] } {
  const order = (a: Dated, b: Dated) => byTimelineOrder(a.date, b.date) || a.id.localeCompare(b.id);
  const longer = earlier(facts, today).filter((f) => f.date.precision !== "day").sort(order);
  const month = longer.filter((f) => f.date.precision === "month" && monthDay(f).month === today.month);
  return month.length >= MIN_ROTATION ? { mode: "month", list: month } : { mode: "timeline", list: longer };
}

/** The rotation's event for a day before any correction, or undefined on a day it skips (short lists). */
function rotationPick(list: readonly Dated[], index: number): Dated | undefined {
  if (!list.length) return undefined;
  if (list.length < MIN_ROTATION) return index % 2 === 0 ? list[(index / 2) % list.length] : undefined;
  return list[mod(index, list.length)];
}

export function onThisDay(facts: readonly Fact[], today: Day): OnThisDay {
  const own = sameDay(facts, today);
  if (own.length) return { mode: "day", heading: HEADING, items: own };
  const index = dayIndex(today);
  const { mode, list } = rotation(facts, today);
  let pick = rotationPick(list, index);
  if (pick && list.length >= MIN_ROTATION) {
    // The list can change overnight (a new month, a new year): never show yesterday's rotation event again.
    const yesterday = fromIndex(index - 1);
    const before = rotationPick(rotation(facts, yesterday).list, index - 1);
    if (before?.id === pick.id) pick = list[mod(index - 1, list.length)];
  }
  if (!pick) return { mode: "none", heading: HEADING, items: [] };
  const date = `${today.day} ${MONTH_NAMES[today.month - 1]}`;
  const from = mode === "month" ? `${MONTH_NAMES[today.month - 1]} in earlier years` : "from the timeline";
  return { mode, heading: `${HEADING}: nothing dated ${date} in earlier years, so ${from}`, items: [pick] };
}
