// Bolt and its clients log through @slack/logger's interface; this forwards to the app's pino logger.
// Bolt's own lines are about transport (never tokens); they are kept at their level under the "bolt" name.
import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../log.js";

const str = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : typeof m === "string" ? m : JSON.stringify(m))).join(" ");

export function boltLogger(logger: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  const child = logger.child({ component: "bolt" });
  return {
    // Bolt's debug lines can carry request payloads (message text): never forwarded.
    debug: () => undefined,
    info: (...msg: unknown[]) => child.info(str(msg)),
    warn: (...msg: unknown[]) => child.warn(str(msg)),
    error: (...msg: unknown[]) => child.error(str(msg)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
