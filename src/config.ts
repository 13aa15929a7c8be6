// One zod schema over process.env. Every variable is documented in .env.example; an error names the variable.
import { isIP } from "node:net";
import { z } from "zod";
import { ConfigError } from "./errors.js";

const optionalText = z.string().trim().min(1).optional().or(z.literal("").transform(() => undefined));
const bool = (dflt: boolean) =>
  z.enum(["true", "false", "1", "0", "yes", "no", ""]).optional().transform((v) => (v === undefined || v === "" ? dflt : ["true", "1", "yes"].includes(v)));
const int = (dflt: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(dflt);
const url = optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), "must be an http(s) URL");

export const configSchema = z.object({
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** knowledge base directory (YAML files) */
  KB_DIR: z.string().default("data"),
  /** runtime state: the SQLite file lives here */
  DATA_DIR: z.string().default("var"),
  /** HTTP port: Slack's /slack/events in HTTP mode, and /healthz + /readyz in every mode */
  PORT: int(3000, 0, 65535),
  /** address the HTTP server binds (127.0.0.1 behind a local proxy, 0.0.0.0 or :: in a container); unset: all interfaces */
  HOST: optionalText.refine((v) => v === undefined || isIP(v) !== 0 || /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/i.test(v), "must be an IP address or a host name"),
  /** IANA time zone used for `last year` in questions and as the digest default */
  DEFAULT_TZ: z.string().default("UTC").refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin or UTC"),

  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith("xoxb-"), "must start with xoxb-"),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith("xapp-"), "must start with xapp-"),
  SLACK_API_URL: url,

  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.refine((v) => v === undefined || /^\d{15,22}$/.test(v), "must be the numeric application id"),
  DISCORD_GUILD_ID: optionalText.refine((v) => v === undefined || /^\d{15,22}$/.test(v), "must be a numeric guild id"),
  DISCORD_API_URL: url,
  /** quick answers on Discord need the privileged Message Content intent; off unless asked for */
  DISCORD_QUICK_ANSWERS: bool(false),

  DIGEST_ADMINS_ONLY: bool(false),
  DIGEST_CATCHUP_HOURS: z.coerce.number().min(0).max(48).default(6),
  /** how often each instance looks for subscriptions made on other instances (it also wakes at each known run) */
  DIGEST_POLL_SECONDS: int(60, 1, 3600),
  /** global posting rate for digests, messages per second across all channels */
  DIGEST_GLOBAL_RATE: z.coerce.number().min(0.1).max(50).default(20),

  /** questions a user may ask per minute, and a channel may receive per minute */
  RATE_USER_PER_MINUTE: int(20, 1, 10_000),
  RATE_CHANNEL_PER_MINUTE: int(60, 1, 100_000),
  /** how long one Slack or Discord API call (a reply, a digest post) may take before it counts as failed */
  PLATFORM_TIMEOUT_MS: int(10_000, 100, 120_000),
  /** postgres://… selects the shared Postgres backend (several instances); unset: SQLite under DATA_DIR */
  DATABASE_URL: optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\/\S+$/.test(v), "must be a postgres:// or postgresql:// URL"),
  /** how long a request waits on Postgres (connecting or one statement) before it counts as unavailable */
  DATABASE_TIMEOUT_MS: int(2000, 100, 60_000),
  /** connections each instance keeps to Postgres at most */
  DATABASE_POOL_SIZE: int(10, 1, 200),
  /** how long a write waits for another connection's lock before failing (SQLite busy_timeout); the event loop waits with it, so at most 50 */
  SQLITE_BUSY_TIMEOUT_MS: int(40, 0, 50),
  /** how long in-flight work may run after SIGTERM before the process exits anyway */
  SHUTDOWN_TIMEOUT_MS: int(10_000, 0, 120_000),
});

export type Config = z.infer<typeof configSchema>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Parses the environment; throws ConfigError naming each bad variable. Never echoes a value (it may be a secret). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ name: String(i.path[0] ?? "?"), reason: i.message })));
  }
  const c = parsed.data;
  const pairs: [keyof Config, keyof Config][] = [
    ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"],
    ["DISCORD_TOKEN", "DISCORD_APPLICATION_ID"],
  ];
  const missing = pairs.flatMap(([a, b]) =>
    c[a] && !c[b] ? [{ name: b, reason: `required when ${a} is set` }] : !c[a] && c[b] ? [{ name: a, reason: `required when ${b} is set` }] : [],
  );
  if (c.SLACK_APP_TOKEN && !c.SLACK_BOT_TOKEN) missing.push({ name: "SLACK_BOT_TOKEN", reason: "required when SLACK_APP_TOKEN is set" });
  if (missing.length) throw new ConfigError(missing);
  return c;
}

export const slackEnabled = (c: Config) => Boolean(c.SLACK_BOT_TOKEN && c.SLACK_SIGNING_SECRET);
export const discordEnabled = (c: Config) => Boolean(c.DISCORD_TOKEN && c.DISCORD_APPLICATION_ID);
