// App-scope commands (they change channel settings, so they need storage): the adapters route the registry's
// `scope: "app"` commands here. Each handler returns a neutral Answer like the core does.
import type { Config } from "../config.js";
import { finishAnswer, type Answer } from "../core/answer.js";
import type { Core } from "../core/types.js";
import type { ChannelKey, Storage } from "../storage/types.js";
import { runAutoanswer } from "./autoanswer.js";
import { runDigest } from "./digest-command.js";

export interface Actor {
  /** platform user id */
  id: string;
  /** Discord: Manage Channels in this channel; Slack: the user is a member of the channel */
  canManageChannel: boolean;
  /** Slack workspace admin/owner, Discord Manage Server */
  isWorkspaceAdmin: boolean;
}

export interface AppContext {
  storage: Storage;
  core: Core;
  config: Config;
  key: ChannelKey;
  actor: Actor;
  now: Date;
  /** the workspace's own time zone when the platform tells it (Slack user tz), else config DEFAULT_TZ applies */
  timeZone?: string;
}

export type AppHandler = (args: Record<string, string>, ctx: AppContext) => Answer;

/** Explicit table of app-command handlers, keyed by registry name. */
export const APP_HANDLERS: Record<string, AppHandler> = {
  autoanswer: runAutoanswer,
  digest: runDigest,
};

export function runAppCommand(name: string, args: Record<string, string>, ctx: AppContext): Answer {
  const handler = APP_HANDLERS[name];
  if (!handler) return appMessage("error", `\`${name}\` is not available here.`, "Type `help` to see the commands.");
  return handler(args, ctx);
}

/** A short answer with no records: confirmations, refusals, usage hints. */
export function appMessage(kind: "help" | "error" | "list", headline: string, summary?: string): Answer {
  return finishAnswer({ kind, query: "", headline, summary, sections: [], suggestions: [], confident: false });
}
