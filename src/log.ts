// Structured logs (pino). Secrets never reach a log line: known secret fields are redacted, and callers
// log ids, commands, latency and outcome, not message text.
import { pino, type Logger } from "pino";

export type { Logger };

const REDACT = [
  "token", "*.token", "botToken", "*.botToken", "appToken", "signingSecret", "*.signingSecret",
  "authorization", "*.authorization", "headers.authorization", "*.headers.authorization",
  "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "DISCORD_TOKEN",
  "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET", "SLACK_TOKEN_KEY", "clientSecret", "*.clientSecret", "stateSecret", "*.stateSecret",
  "DATABASE_URL", "connectionString", "*.connectionString", "password", "*.password",
];

export function createLogger(level = "info", destination?: NodeJS.WritableStream): Logger {
  const options = { level, base: { app: "aistack" }, redact: { paths: REDACT, censor: "[redacted]" } };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options, pino.destination(2));
}

/** A logger that drops everything: for tests and the console adapter. */
export const silentLogger = (): Logger => pino({ level: "silent" });

export interface RequestLine {
  platform: string;
  /** how the request arrived: slash, mention, dm, quick, share, feedback, autocomplete, command, button */
  via: string;
  /** the command that ran (registry name), when one did */
  command?: string;
  /** the answer kind, or limited / busy / failed / ignored */
  outcome: string;
  ms: number;
  workspace?: string;
  channel?: string;
}

/** The one log line per request: ids, command, latency and outcome, never the message text. */
export function logRequest(logger: Logger, line: RequestLine): void {
  logger.info({ ...line, ms: Math.round(line.ms) }, "request");
}
