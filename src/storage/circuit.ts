// A circuit in front of the storage ports. When a call finds the database unavailable (locked by another process,
// read-only, full, its file deleted, Postgres unreachable), the circuit opens: every later call fails at once with
// StorageUnavailableError, so each request takes its fallback (answer anyway, count rate limits in memory, say a
// change could not be saved) without waiting for the database again. A probe runs in the background: slowly while
// the circuit is closed (a deleted file or a full disk shows up there before any write fails), quickly while it is
// open, and closes it on the first success. healthy() (readiness) reads the circuit's state and never touches storage.
import { isStorageUnavailable, StorageUnavailableError } from "../errors.js";
import type { Logger } from "../log.js";
import type { Storage } from "./types.js";

export const CIRCUIT_TIMING = {
  /** while closed: often enough that /readyz reports a deleted file or a full disk within seconds */
  watchEveryMs: 5_000,
  /** while open: how soon a released lock or a freed disk is noticed; each probe costs one non-waiting write attempt */
  recheckEveryMs: 1_000,
} as const;

/** Driver codes that say something about one statement, not about the database: they never open the circuit. */
const STATEMENT_LEVEL = /^(SQLITE_CONSTRAINT|SQLITE_MISMATCH|SQLITE_RANGE|SQLITE_TOOBIG|2[23]\d{3}|40\d{3}|42\d{3})/;

/** Says why the database cannot be used, or resolves when it can (a write could go through now). */
export type StorageProbe = () => Promise<void>;

export interface StorageCircuit {
  storage: Storage;
  /** true while the circuit is closed (the last call or probe found the database usable) */
  readonly available: boolean;
  /** runs the probe now (tests; the background timer does the same) */
  check(): Promise<boolean>;
}

export function withCircuit(inner: Storage, probe: StorageProbe, logger: Logger, timing: { watchEveryMs: number; recheckEveryMs: number } = CIRCUIT_TIMING): StorageCircuit {
  let open: { since: number; code: string | undefined } | undefined;
  let closed = false;
  let checking: Promise<boolean> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const schedule = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void check(), open ? timing.recheckEveryMs : timing.watchEveryMs);
    timer.unref(); // the probe never keeps the process alive
  };
  const trip = (err: StorageUnavailableError) => {
    if (STATEMENT_LEVEL.test(err.driverCode ?? "") || open || closed) return;
    open = { since: Date.now(), code: err.driverCode };
    logger.warn({ code: err.driverCode, what: err.message }, "storage unavailable; requests carry on without it until a background check succeeds");
    schedule();
  };
  const check = (): Promise<boolean> =>
    (checking ??= probe()
      .then(
        () => {
          if (open) logger.info({ code: open.code, downMs: Date.now() - open.since }, "storage available again");
          open = undefined;
          return true;
        },
        (err: unknown) => {
          trip(err instanceof StorageUnavailableError ? err : new StorageUnavailableError("check", (err as { code?: string }).code, { cause: err }));
          return false;
        },
      )
      .finally(() => {
        checking = undefined;
        schedule();
      }));

  const guarded = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === "healthy") return () => Promise.resolve(!open && !closed);
      if (prop === "close") {
        return () => {
          closed = true;
          clearTimeout(timer);
          return target.close();
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (open) return Promise.reject(new StorageUnavailableError(String(prop), "circuit_open"));
        let result: unknown;
        try {
          result = (value as (...a: unknown[]) => unknown).apply(target, args);
        } catch (err) {
          if (isStorageUnavailable(err)) trip(err);
          throw err;
        }
        if (result instanceof Promise) {
          return result.catch((err: unknown) => {
            if (isStorageUnavailable(err)) trip(err);
            throw err;
          });
        }
        return result;
      };
    },
  });
  schedule();
  return {
    storage: guarded,
    get available() {
      return !open && !closed;
    },
    check,
  };
}
