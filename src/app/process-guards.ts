// Process-level last resort, for errors that escaped every handler.
// - unhandledRejection: a promise nobody awaited failed. It belongs to one request or timer, and every request's state
//   is its own, so the process logs it and keeps serving (Node's default would exit).
// - uncaughtException: a synchronous throw unwound an unknown part of the process (a half-updated cache, a listener
//   that never ran); continuing could serve wrong answers, so it is logged and the process shuts down as for SIGTERM
//   (in-flight replies finish) and exits 1, for the supervisor (systemd, Docker, Kubernetes) to restart it.
// Log lines carry the error's name, code and stack frames, never its message: messages can quote payloads.
import type { Logger } from "../log.js";

export const UNCAUGHT_EXIT_CODE = 1;

/** The parts of an unknown thrown value that are safe to log. */
export function errorSummary(err: unknown): { name: string; code?: string; frames?: string[] } {
  if (!(err instanceof Error)) return { name: typeof err };
  const code = (err as { code?: unknown }).code;
  const frames = err.stack?.split("\n").filter((l) => /^\s+at /.test(l)).slice(0, 8).map((l) => l.trim());
  return { name: err.name, ...(typeof code === "string" ? { code } : {}), ...(frames?.length ? { frames } : {}) };
}

export function installProcessGuards(logger: Logger, shutdown: (reason: string, exitCode: number) => void): void {
  process.on("unhandledRejection", (reason) => {
    logger.error({ err: errorSummary(reason) }, "unhandled promise rejection; still serving");
  });
  process.on("uncaughtException", (err, origin) => {
    logger.fatal({ err: errorSummary(err), origin }, "uncaught exception: process state unknown, shutting down");
    shutdown("uncaughtException", UNCAUGHT_EXIT_CODE);
  });
}
