// Structured logs (pino). Secrets never reach a log line: known secret fields are redacted, errors are reduced to
// what is safe (log-redact.ts), every string is scrubbed of tokens and capped, and callers log ids, commands, latency
// and outcome, not message text. Lines are written asynchronously: a stdout/stderr nobody reads (a full pipe) never
// blocks the process, and shutdown waits at most LOG_FLUSH_MS for them.
import { pino, type DestinationStream, type Logger } from "pino";
import { scrub, scrubDeep, serializeError } from "./log-redact.js";

export type { Logger };

const REDACT = [
  "token", "*.token", "botToken", "*.botToken", "appToken", "signingSecret", "*.signingSecret",
  "authorization", "*.authorization", "headers.authorization", "*.headers.authorization",
  "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "DISCORD_TOKEN",
  "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET", "SLACK_TOKEN_KEY", "clientSecret", "*.clientSecret", "stateSecret", "*.stateSecret",
  "DATABASE_URL", "connectionString", "*.connectionString", "password", "*.password",
  "response_url", "*.response_url", "responseUrl", "*.responseUrl", "interactionToken", "*.interactionToken",
  "body", "*.body", "requestBody", "*.requestBody", "rawError", "*.rawError",
];

/** Log bytes buffered while the reader is slow or gone; past this, lines are dropped instead of filling memory. */
export const LOG_BUFFER_MAX_BYTES = 4 * 1024 * 1024;
/** How long shutdown waits for buffered log lines to be written before exiting anyway (a slow reader on a busy machine needs a moment; a reader that is gone costs only this). */
export const LOG_FLUSH_MS = 2_000;

export function createLogger(level = "info", destination?: NodeJS.WritableStream | DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: "aistack" },
    redact: { paths: REDACT, censor: "[redacted]" },
    serializers: { err: serializeError, error: serializeError },
    formatters: { log: (obj) => scrubDeep(obj) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === "string" ? scrub(a) : a)) as Parameters<typeof method>);
      },
    },
  };
  if (destination) return pino(options, destination as DestinationStream);
  const stream = stderrDestination();
  const logger = pino(options, stream);
  destinations.set(logger, stream as Boom);
  return logger;
}

/**
 * stderr, written asynchronously (sonic-boom, in libuv's thread pool): a full pipe makes lines wait in memory (up to
 * LOG_BUFFER_MAX_BYTES, then they are dropped) instead of parking the main thread. pino would flush synchronously at
 * exit; on a pipe nobody reads that write never returns (the process ignored SIGTERM), so it is not done: shutdown
 * flushes asynchronously first (flushLogs, bounded) and whatever is still buffered after that is dropped.
 */
function stderrDestination(): DestinationStream {
  const stream = pino.destination({ dest: 2, sync: false, maxLength: LOG_BUFFER_MAX_BYTES });
  stream.flushSync = () => undefined;
  return stream;
}

/** sonic-boom's own state: a write under way, bytes still buffered (its flush(cb) does not wait when minLength is 0). */
type Boom = DestinationStream & { _writing?: boolean; _len?: number; once(event: "drain", fn: () => void): unknown; removeListener(event: "drain", fn: () => void): unknown };
const destinations = new WeakMap<Logger, Boom>();

/** Waits for buffered log lines to be written, at most LOG_FLUSH_MS (shutdown calls it before exiting). */
export function flushLogs(logger: Logger): Promise<void> {
  const stream = destinations.get(logger);
  if (!stream || (!stream._writing && !stream._len)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stream.removeListener("drain", done);
      resolve();
    };
    const timer = setTimeout(done, LOG_FLUSH_MS);
    stream.once("drain", done);
  });
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

/**
 * The request line's fields are ids, names, outcomes and a number: none is a REDACT key and none holds an object, so
 * redaction cannot change it, yet pino tries every wildcard path on every field (about 40 µs a line, the most
 * expensive step of a cached answer). It goes through a child without redaction, one per logger, kept; the scrubbing
 * formatter and the level still apply.
 */
const requestLoggers = new WeakMap<Logger, Logger>();

/** The one log line per request: ids, command, latency and outcome, never the message text. */
export function logRequest(logger: Logger, line: RequestLine): void {
  let out = requestLoggers.get(logger);
  if (!out) requestLoggers.set(logger, (out = logger.child({}, { redact: [] })));
  if (out.level !== logger.level) out.level = logger.level;
  out.info({ ...line, ms: Math.round(line.ms) }, "request");
}
