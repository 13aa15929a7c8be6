// A few coded errors. Expected outcomes (no match, ambiguous, refused) are answer kinds, not exceptions.
import type { DataProblem } from "./kb/types.js";

export class AppError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad data files: carries every problem found, each naming the file, the record and the field. */
export class DataError extends AppError {
  constructor(readonly problems: DataProblem[]) {
    super("data_invalid", `knowledge base has ${problems.length} problem(s):\n` + problems.map(formatProblem).join("\n"));
  }
}

export const formatProblem = (p: DataProblem) => `  ${p.file}: ${p.record}: ${p.field}: ${p.reason}`;

/** Bad configuration: names the variable. */
export class ConfigError extends AppError {
  constructor(readonly variables: { name: string; reason: string }[]) {
    super("config_invalid", "configuration is invalid:\n" + variables.map((v) => `  ${v.name}: ${v.reason}`).join("\n"));
  }
}

/** A platform call that failed for a reason worth reacting to (rate limit, dead channel, server error). */
export class PlatformError extends AppError {
  constructor(
    code: string,
    message: string,
    readonly platform: "slack" | "discord",
    readonly retryAfterMs?: number,
  ) {
    super(code, message);
  }
}

/** Storage that cannot be opened or written (locked, read-only, corrupt). */
export class StorageError extends AppError {}

/**
 * The one error storage ports reject with at run time, whatever the driver said (SQLite busy or read-only, a lost
 * Postgres connection, a timeout): callers answer "try again in a moment" or carry on without saving. The driver's
 * own code is kept for logs.
 */
export class StorageUnavailableError extends AppError {
  constructor(
    readonly operation: string,
    readonly driverCode: string | undefined,
    options?: { cause?: unknown },
  ) {
    super("storage_unavailable", `storage unavailable during ${operation}${driverCode ? ` (${driverCode})` : ""}`);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

export const isStorageUnavailable = (err: unknown): err is StorageUnavailableError => err instanceof StorageUnavailableError;

/** Wraps a driver error (anything thrown inside a storage call) as StorageUnavailableError; passes one through. */
export function asStorageUnavailable(operation: string, err: unknown): StorageUnavailableError {
  if (err instanceof StorageUnavailableError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  return new StorageUnavailableError(operation, typeof code === "string" || typeof code === "number" ? String(code) : (err as Error | null)?.name, { cause: err });
}
