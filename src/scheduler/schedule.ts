// When a subscription posts: a croner pattern in the subscription's own time zone. croner is used as a
// calculator (nextRun / previousRuns), never with its own timers, so the scheduler's clock and timer stay
// injectable. croner treats "M H * * …" as a fixed-time job: a time inside a spring-forward gap runs at the
// first valid minute after the gap, and a time repeated at fall-back runs once, so each local day gets
// exactly one run on the right UTC instant.
import { Cron } from "croner";
import type { DigestSchedule } from "../storage/types.js";

export const TIME_FORM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** "09:00", weekdays → "0 9 * * 1-5" */
export function cronPattern(s: Pick<DigestSchedule, "time" | "days">): string {
  const m = TIME_FORM.exec(s.time);
  if (!m) throw new RangeError(`digest time "${s.time}" is not HH:MM`);
  return `${Number(m[2])} ${Number(m[1])} * * ${s.days === "weekdays" ? "1-5" : "*"}`;
}

export function cronFor(s: Pick<DigestSchedule, "time" | "days" | "tz">): Cron {
  return new Cron(cronPattern(s), { timezone: s.tz, mode: "5-part" });
}

/** The first run strictly after `from`. */
export function nextRunAfter(s: Pick<DigestSchedule, "time" | "days" | "tz">, from: Date): Date | undefined {
  return cronFor(s).nextRun(from) ?? undefined;
}

/** Up to `n` runs at or before `at`, oldest first. */
export function runsUpTo(s: Pick<DigestSchedule, "time" | "days" | "tz">, at: Date, n: number): Date[] {
  // croner counts a run earlier in the same second as the reference; a run exactly at `at` needs the reference 1 ms on.
  return cronFor(s).previousRuns(n, new Date(at.getTime() + 1)).reverse();
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, tz: string): string {
  let f = dayFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(tz, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** "Tue 17 Jun 2025, 09:00 (Europe/Berlin)" */
export function localDateTime(at: Date, tz: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: tz, weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(at).map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute} (${tz})`;
}
