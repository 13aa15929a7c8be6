// `digest subscribe|unsubscribe|status|preview`: a channel's daily digest, stored per platform, workspace and
// channel. Changes need permission (Discord: Manage Channels; Slack: channel member, or workspace admins only
// when DIGEST_ADMINS_ONLY=true) and each one is written to the audit log with who and when.
import type { Answer } from "../../core/answer.js";
import { CHAT_SURFACES } from "../../core/commands/spec.js";
import { TOPICS } from "../../kb/schema.js";
import { localDate, localDateTime, nextRunAfter, TIME_FORM } from "../../scheduler/schedule.js";
import { digestForChannel } from "../../scheduler/content.js";
import type { DigestDays, DigestSchedule, DigestSubscription } from "../../storage/types.js";
import { appCommand, appMessage, type AppContext } from "./types.js";

export const DIGEST_DEFAULTS = { time: "09:00", days: "weekdays" as DigestDays };

export const DIGEST_USAGE =
  "Use `digest subscribe [at HH:MM] [tz Area/City] [days weekdays|daily] [topics a,b]`, `digest unsubscribe`, `digest status` or `digest preview`. " +
  "Example: `digest subscribe at 08:30 tz Europe/Berlin days daily topics chips,models`.";

const FORMS = {
  at: "a 24-hour time HH:MM such as 09:00 or 17:30",
  tz: "an IANA time zone Area/City such as Europe/Berlin, America/New_York or UTC",
  days: "`weekdays` (Monday to Friday) or `daily`",
  topics: `a comma-separated list of ${TOPICS.join(", ")} (or \`all\`)`,
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseTime(text: string): Parsed<string> {
  const m = TIME_FORM.exec(text.trim());
  if (!m) return { ok: false, error: `"${clip(text)}" is not a time: use ${FORMS.at}.` };
  return { ok: true, value: `${m[1]!.padStart(2, "0")}:${m[2]}` };
}

/** A canonical IANA zone name ("europe/berlin" → "Europe/Berlin"); offsets and abbreviations are refused. */
export function parseTimeZone(text: string): Parsed<string> {
  const t = text.trim();
  const fail: Parsed<string> = { ok: false, error: `"${clip(text)}" is not a time zone: use ${FORMS.tz}.` };
  if (!/^(UTC|[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+)$/i.test(t)) return fail;
  try {
    return { ok: true, value: new Intl.DateTimeFormat("en-US", { timeZone: t }).resolvedOptions().timeZone };
  } catch {
    return fail;
  }
}

export function parseDays(text: string): Parsed<DigestDays> {
  const t = text.trim().toLowerCase();
  if (t === "weekdays" || t === "daily") return { ok: true, value: t };
  return { ok: false, error: `"${clip(text)}" is not a choice of days: use ${FORMS.days}.` };
}

export function parseTopics(text: string): Parsed<string[]> {
  const words = text.split(",").map((w) => w.trim().toLowerCase()).filter(Boolean);
  if (words.length === 1 && words[0] === "all") return { ok: true, value: [] };
  const unknown = words.filter((w) => !(TOPICS as readonly string[]).includes(w));
  if (!words.length || unknown.length) return { ok: false, error: `Unknown topic${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${clip(u)}"`).join(", ") || "(none given)"}: use ${FORMS.topics}.` };
  const set = new Set(words);
  // Every topic is the same as all topics: stored as [] so new topics are included later too.
  return { ok: true, value: set.size === TOPICS.length ? [] : TOPICS.filter((t) => set.has(t)) };
}

/**
 * Builds the schedule from the command's options. Options not given keep the current subscription's values,
 * or the defaults (09:00, the workspace's zone or DEFAULT_TZ, weekdays, all topics) for a new one.
 */
export function parseSubscribeArgs(args: Record<string, string>, current: DigestSchedule | undefined, defaultTz: string): Parsed<DigestSchedule> {
  const errors: string[] = [];
  if (args.extra) errors.push(`I did not understand "${clip(args.extra)}".`);
  const take = <T>(p: Parsed<T> | undefined, fallback: T): T => {
    if (!p) return fallback;
    if (!p.ok) {
      errors.push(p.error);
      return fallback;
    }
    return p.value;
  };
  const schedule: DigestSchedule = {
    time: take(args.at !== undefined ? parseTime(args.at) : undefined, current?.time ?? DIGEST_DEFAULTS.time),
    tz: take(args.tz !== undefined ? parseTimeZone(args.tz) : undefined, current?.tz ?? defaultTz),
    days: take(args.days !== undefined ? parseDays(args.days) : undefined, current?.days ?? DIGEST_DEFAULTS.days),
    topics: take(args.topics !== undefined ? parseTopics(args.topics) : undefined, current?.topics ?? []),
  };
  return errors.length ? { ok: false, error: errors.join(" ") } : { ok: true, value: schedule };
}

/** Who may change a channel's digest. Reading it (status, preview) is open to anyone who can run the command. */
export function mayChangeDigest(ctx: Pick<AppContext, "key" | "actor" | "config">): boolean {
  if (ctx.actor.isWorkspaceAdmin) return true;
  if (ctx.key.platform === "slack" && ctx.config.DIGEST_ADMINS_ONLY) return false;
  return ctx.actor.canManageChannel;
}

function permissionError(ctx: AppContext): Answer {
  const who = ctx.key.platform === "discord"
    ? "members with the Manage Channels permission"
    : ctx.config.DIGEST_ADMINS_ONLY
      ? "workspace admins (this workspace set DIGEST_ADMINS_ONLY)"
      : "members of this channel";
  return appMessage("error", "You cannot change this channel's digest.", `Only ${who} can. Anyone can use \`digest status\` and \`digest preview\`.`);
}

export const describeSchedule = (s: DigestSchedule) =>
  `${s.days === "weekdays" ? "Weekdays (Mon–Fri)" : "Every day"} at ${s.time} ${s.tz}, ${s.topics.length ? `topics: ${s.topics.join(", ")}` : "all topics"}`;

export const DIGEST_ACTIONS = ["subscribe", "unsubscribe", "status", "preview"] as const;
type DigestAction = (typeof DIGEST_ACTIONS)[number];

/** One handler per action: an action in the spec's choices without a handler does not compile. */
const ACTIONS: Record<DigestAction, (args: Record<string, string>, ctx: AppContext) => Promise<Answer>> = {
  subscribe: (args, ctx) => subscribe(args, ctx),
  unsubscribe: (_args, ctx) => unsubscribe(ctx),
  status: (_args, ctx) => status(ctx),
  preview: (_args, ctx) => preview(ctx),
};

export async function runDigest(args: Record<string, string>, ctx: AppContext): Promise<Answer> {
  const action = (args.action ?? "").trim().toLowerCase() || "status";
  const handler = (ACTIONS as Record<string, ((args: Record<string, string>, ctx: AppContext) => Promise<Answer>) | undefined>)[action];
  return handler ? handler(args, ctx) : appMessage("error", `Unknown digest action "${clip(action)}".`, DIGEST_USAGE);
}

/** "subscribe at 08:30 tz Europe/Berlin days daily topics chips,models" → named args; validation happens where they are used. */
export function parseDigestArgs(rest: string): Record<string, string> {
  const words = rest.split(/\s+/).filter(Boolean);
  const args: Record<string, string> = {};
  if (words[0]) args.action = words[0].toLowerCase();
  for (let i = 1; i < words.length; i++) {
    const key = words[i]!.toLowerCase();
    if (["at", "tz", "days", "topics"].includes(key) && words[i + 1] !== undefined) {
      args[key] = words[++i]!;
    } else {
      args.extra = [args.extra, words[i]].filter(Boolean).join(" ");
    }
  }
  return args;
}

export const digestCommand = appCommand({
  spec: {
    name: "digest",
    description: "Daily digest for this channel: subscribe, unsubscribe, status or preview",
    usage: "digest subscribe [at HH:MM] [tz Area/City] [days weekdays|daily] [topics a,b] | unsubscribe | status | preview",
    examples: ["digest subscribe at 09:00 tz Europe/Berlin", "digest status", "digest preview"],
    options: [
      { name: "action", description: "subscribe, unsubscribe, status or preview", required: true, choices: DIGEST_ACTIONS },
      { name: "at", description: "Local time HH:MM (24 h), default 09:00", required: false },
      { name: "tz", description: "Time zone such as Europe/Berlin", required: false },
      { name: "days", description: "weekdays or daily", required: false, choices: ["weekdays", "daily"] },
      { name: "topics", description: "Comma-separated: clouds, chips, models, investments, …", required: false },
    ],
    surfaces: CHAT_SURFACES,
    changePermission: "manage-channel",
    actorFacts: ["workspace-admin", "time-zone"],
  },
  run: runDigest,
  parse: parseDigestArgs,
});

async function subscribe(args: Record<string, string>, ctx: AppContext): Promise<Answer> {
  if (!mayChangeDigest(ctx)) return permissionError(ctx);
  const current = await ctx.storage.getDigestSubscription(ctx.key);
  const parsed = parseSubscribeArgs(args, current, ctx.timeZone ?? ctx.config.DEFAULT_TZ);
  if (!parsed.ok) return appMessage("error", "That digest schedule is not valid.", `${parsed.error} ${DIGEST_USAGE}`);
  const s = parsed.value;
  const detail = current ? changes(current, s) || "subscribed again (unchanged)" : describeSchedule(s);
  const saved = await ctx.storage.saveDigestSubscription(ctx.key, s, ctx.actor.id, ctx.now, detail);
  const next = nextRunAfter(saved, ctx.now);
  return appMessage(
    "list",
    current ? "Daily digest updated for this channel." : "This channel is subscribed to the daily digest.",
    `${describeSchedule(saved)}.${current?.pausedReason ? " Posting resumes (it was paused)." : ""} Next post: ${next ? localDateTime(next, saved.tz) : "none"}. See it now with \`digest preview\`.`,
  );
}

async function unsubscribe(ctx: AppContext): Promise<Answer> {
  if (!mayChangeDigest(ctx)) return permissionError(ctx);
  return (await ctx.storage.deleteDigestSubscription(ctx.key, ctx.actor.id, ctx.now))
    ? appMessage("list", "This channel is unsubscribed from the daily digest.", "Subscribe again any time with `digest subscribe`.")
    : appMessage("list", "This channel has no daily digest.", "Start one with `digest subscribe` (default: weekdays at 09:00).");
}

async function status(ctx: AppContext): Promise<Answer> {
  const sub = await ctx.storage.getDigestSubscription(ctx.key);
  if (!sub) return appMessage("list", "This channel has no daily digest.", `Start one with \`digest subscribe\`. ${DIGEST_USAGE}`);
  const lines = [`${describeSchedule(sub)}.`];
  if (sub.pausedReason) lines.push(`Paused since ${sub.pausedAt?.slice(0, 16).replace("T", " ")} UTC: ${sub.pausedReason}`);
  else {
    const next = nextRunAfter(sub, ctx.now);
    lines.push(`Next post: ${next ? localDateTime(next, sub.tz) : "none"}.`);
  }
  const last = await ctx.storage.lastDigestDelivery(ctx.key);
  if (last) {
    // a claimed row is being posted, waiting for a retry (detail says why), or was interrupted: its lease runs out and it is taken over
    const outcome = last.outcome === "claimed" ? "being posted (or waiting for a retry)" : last.outcome;
    lines.push(`Last delivery: ${last.localDate}, ${outcome}${last.detail ? ` (${last.detail})` : ""}.`);
  } else lines.push("No digest delivered yet.");
  lines.push(`Set by ${sub.updatedBy} on ${sub.updatedAt.slice(0, 10)}.`);
  return appMessage("list", sub.pausedReason ? "Daily digest: paused." : "Daily digest: on.", lines.join(" "));
}

async function preview(ctx: AppContext): Promise<Answer> {
  const sub: Pick<DigestSubscription, "tz" | "topics"> = (await ctx.storage.getDigestSubscription(ctx.key)) ?? { tz: ctx.timeZone ?? ctx.config.DEFAULT_TZ, topics: [] };
  const day = localDate(ctx.now, sub.tz);
  return (await digestForChannel(ctx.core.kb, ctx.core, ctx.storage, ctx.key, sub.topics, day)).answer;
}

function changes(a: DigestSchedule, b: DigestSchedule): string {
  const out: string[] = [];
  if (a.time !== b.time) out.push(`time ${a.time} → ${b.time}`);
  if (a.tz !== b.tz) out.push(`tz ${a.tz} → ${b.tz}`);
  if (a.days !== b.days) out.push(`days ${a.days} → ${b.days}`);
  const ta = a.topics.join(",") || "all";
  const tb = b.topics.join(",") || "all";
  if (ta !== tb) out.push(`topics ${ta} → ${tb}`);
  return out.join("; ");
}

const clip = (s: string) => s.trim().slice(0, 40);
