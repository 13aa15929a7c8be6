// One zod schema over process.env. Every variable is documented in .env.example; an error names the variable.
import { isIP } from "node:net";
import { z } from "zod";
import { ConfigError } from "./errors.js";

const optionalText = z.string().trim().min(1).optional().or(z.literal("").transform(() => undefined));
const bool = (dflt: boolean) =>
  z.enum(["true", "false", "1", "0", "yes", "no", ""]).optional().transform((v) => (v === undefined || v === "" ? dflt : ["true", "1", "yes"].includes(v)));
const int = (dflt: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(dflt);
const url = optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), "must be an http(s) URL");

/** The path Slack redirects to after an install (Bolt's default, served by the HTTP receiver). */
export const OAUTH_REDIRECT_PATH = "/slack/oauth_redirect";

const TOKEN_KEY_FORMAT = "must be 32 random bytes as 64 hex characters or base64 (openssl rand -base64 32)";

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
  /** several workspaces (OAuth): the app's credentials (Basic Information → App Credentials); leave SLACK_BOT_TOKEN unset */
  SLACK_CLIENT_ID: optionalText.refine((v) => v === undefined || /^\d+\.\d+$/.test(v), "must be the app's client id (digits.digits)"),
  SLACK_CLIENT_SECRET: optionalText,
  /** signs the OAuth state, so any instance can finish an install another one started */
  SLACK_STATE_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, "must be at least 32 characters (a long random string: openssl rand -hex 32)"),
  /** encrypts stored bot tokens (AES-256-GCM): 32 random bytes, hex or base64 */
  SLACK_TOKEN_KEY: optionalText.refine((v) => v === undefined || decodeTokenKey(v) !== undefined, TOKEN_KEY_FORMAT),
  /** the redirect URL registered in the app (…/slack/oauth_redirect); needed only when the app lists several */
  SLACK_REDIRECT_URL: url.refine((v) => v === undefined || new URL(v).pathname === OAUTH_REDIRECT_PATH, `must end in ${OAUTH_REDIRECT_PATH}`),

  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.refine((v) => v === undefined || /^\d{15,22}$/.test(v), "must be the numeric application id"),
  DISCORD_GUILD_ID: optionalText.refine((v) => v === undefined || /^\d{15,22}$/.test(v), "must be a numeric guild id"),
  DISCORD_API_URL: url,
  /** quick answers on Discord need the privileged Message Content intent; off unless asked for */
  DISCORD_QUICK_ANSWERS: bool(false),
  /** the application's public key (hex): serves POST /discord/interactions, signed requests only */
  DISCORD_PUBLIC_KEY: optionalText.refine((v) => v === undefined || /^[0-9a-fA-F]{64}$/.test(v), "must be the application's public key: 64 hex characters (General Information → Public Key)"),
  /** connect to the gateway when DISCORD_TOKEN is set (mentions, DMs, quick answers); false: HTTP interactions and digests only */
  DISCORD_GATEWAY: bool(true),
  /** which gateway shards this process runs: auto (all, Discord's recommended count) or ids/total such as 0-3/8 */
  DISCORD_SHARDS: optionalText.refine((v) => v === undefined || parseShards(v) !== undefined, "must be auto, or shard ids and the total such as 0-3/8 or 4,5/8 (ids below the total)"),

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
  /** timeline answers get their picture in Slack and Discord (drawn on a worker thread after the text reply) */
  TIMELINE_PICTURES: bool(true),
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
  /**
   * days kept of what people wrote or did (questions and answer references, unanswered questions, votes with user ids,
   * the digest audit, quick-answer thread claims); older rows are deleted by an hourly sweep
   */
  RETENTION_DAYS: int(30, 1, 3650),
});

export type Config = z.infer<typeof configSchema>;


/** SLACK_TOKEN_KEY's 32 bytes, from 64 hex characters or base64 (standard or URL-safe); undefined when it is neither. */
export function decodeTokenKey(text: string): Buffer | undefined {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, "hex");
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) return undefined;
  const bytes = Buffer.from(t.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return bytes.length === 32 ? bytes : undefined;
}

/** DISCORD_SHARDS: "auto", or "0-3/8" / "4,5/8" (these shard ids of that many in all). */
export function parseShards(text: string): { shards: "auto" } | { shards: number[]; shardCount: number } | undefined {
  const t = text.trim().toLowerCase();
  if (t === "auto") return { shards: "auto" };
  const m = /^([\d,\s-]+)\/(\d{1,5})$/.exec(t);
  if (!m) return undefined;
  const total = Number(m[2]);
  const ids = new Set<number>();
  for (const part of m[1]!.split(",").map((p) => p.trim())) {
    const range = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
    if (!range) return undefined;
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (to < from) return undefined;
    for (let i = from; i <= to; i++) ids.add(i);
  }
  const shards = [...ids].sort((a, b) => a - b);
  if (!total || !shards.length || shards.at(-1)! >= total) return undefined;
  return { shards, shardCount: total };
}

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
  const oauth = Boolean(c.SLACK_CLIENT_ID || c.SLACK_CLIENT_SECRET || c.SLACK_STATE_SECRET);
  const pairs: [keyof Config, keyof Config][] = [
    // several workspaces (OAuth) need the signing secret without a bot token: oauthProblems checks those
    ...(oauth ? [] : [["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"] as [keyof Config, keyof Config]]),
    ["DISCORD_TOKEN", "DISCORD_APPLICATION_ID"],
  ];
  const missing: { name: string; reason: string }[] = pairs.flatMap(([a, b]) =>
    c[a] && !c[b] ? [{ name: b, reason: `required when ${a} is set` }] : !c[a] && c[b] ? [{ name: a, reason: `required when ${b} is set` }] : [],
  );
  if (oauth) missing.push(...oauthProblems(c));
  else if (c.SLACK_APP_TOKEN && !c.SLACK_BOT_TOKEN) missing.push({ name: "SLACK_BOT_TOKEN", reason: "required when SLACK_APP_TOKEN is set" });
  if (missing.length) throw new ConfigError(missing);
  return c;
}

/** Several workspaces: the OAuth credentials together, a signing secret and a token key, and no single-workspace token. */
function oauthProblems(c: Config): { name: string; reason: string }[] {
  const why = "required for several workspaces (OAuth, SLACK_CLIENT_ID is set)";
  const problems: { name: string; reason: string }[] = [];
  if (!c.SLACK_CLIENT_ID) problems.push({ name: "SLACK_CLIENT_ID", reason: "required when SLACK_CLIENT_SECRET or SLACK_STATE_SECRET is set" });
  else {
    for (const name of ["SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET", "SLACK_SIGNING_SECRET"] as const) if (!c[name]) problems.push({ name, reason: why });
    if (!c.SLACK_TOKEN_KEY) problems.push({ name: "SLACK_TOKEN_KEY", reason: `${why}: it encrypts the stored bot tokens; ${TOKEN_KEY_FORMAT}` });
  }
  if (c.SLACK_BOT_TOKEN) problems.push({ name: "SLACK_BOT_TOKEN", reason: "leave unset with SLACK_CLIENT_ID: each workspace's token comes from its installation" });
  if (c.SLACK_APP_TOKEN) problems.push({ name: "SLACK_APP_TOKEN", reason: "leave unset with SLACK_CLIENT_ID: several workspaces run in HTTP mode (/slack/install, /slack/oauth_redirect)" });
  return problems;
}

/** "single": one workspace with SLACK_BOT_TOKEN; "oauth": any number of workspaces installed through /slack/install. */
export const slackMode = (c: Config): "single" | "oauth" | undefined =>
  c.SLACK_BOT_TOKEN && c.SLACK_SIGNING_SECRET ? "single" : c.SLACK_CLIENT_ID && c.SLACK_CLIENT_SECRET && c.SLACK_STATE_SECRET && c.SLACK_SIGNING_SECRET && c.SLACK_TOKEN_KEY ? "oauth" : undefined;
export const slackEnabled = (c: Config) => slackMode(c) !== undefined;
/** The gateway connection: mentions, DMs and quick answers (and slash commands when no interactions endpoint is set). */
export const discordGatewayEnabled = (c: Config) => Boolean(c.DISCORD_TOKEN && c.DISCORD_APPLICATION_ID && c.DISCORD_GATEWAY);
/** POST /discord/interactions: slash commands, autocomplete and buttons over HTTP, on any instance. */
export const discordHttpEnabled = (c: Config) => Boolean(c.DISCORD_PUBLIC_KEY);
export const discordEnabled = (c: Config) => discordGatewayEnabled(c) || discordHttpEnabled(c) || Boolean(c.DISCORD_TOKEN && c.DISCORD_APPLICATION_ID);
