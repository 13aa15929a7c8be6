// What every adapter receives from main. The core is read through a function because a data reload
// (SIGHUP) swaps in a new knowledge base without restarting the adapters.
import type { Config } from "../config.js";
import type { Core } from "../core/types.js";
import type { Logger } from "../log.js";
import type { Storage } from "../storage/types.js";

export interface AppDeps {
  config: Config;
  core: () => Core;
  storage: Storage;
  logger: Logger;
  /** the wall clock lives here, outside the core; tests inject their own */
  clock: () => Date;
}

/** A started adapter: main stops it on shutdown and asks it for readiness. */
export interface RunningAdapter {
  name: string;
  ready(): boolean | Promise<boolean>;
  /** stop taking new work, finish in-flight replies (bounded by the caller's deadline) */
  stop(): Promise<void>;
}
