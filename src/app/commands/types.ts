// App commands: the same shape as core commands (spec, handler, parser), for commands that read or change
// channel settings and so need storage. Each lives in its own file; list.ts joins them with the core's.
import type { Config } from "../../config.js";
import { finishAnswer, type Answer } from "../../core/answer.js";
import { restAsFirstOption, type CommandSpec, type TextParser } from "../../core/commands/spec.js";
import type { Core } from "../../core/types.js";
import type { ChannelKey, Storage } from "../../storage/types.js";

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

/** May reject with StorageUnavailableError; the pipeline turns that into "try again in a moment". */
export type AppHandler = (args: Record<string, string>, ctx: AppContext) => Promise<Answer>;

export interface AppCommand {
  readonly scope: "app";
  readonly spec: CommandSpec;
  readonly run: AppHandler;
  readonly parse: TextParser;
}

/** Spec and handler required (a spec without a handler does not compile); the parser defaults to the first option. */
export function appCommand(def: { spec: CommandSpec; run: AppHandler; parse?: TextParser }): AppCommand {
  return Object.freeze({ scope: "app" as const, spec: Object.freeze(def.spec), run: def.run, parse: def.parse ?? restAsFirstOption(def.spec) });
}

/** A short answer with no records: confirmations, refusals, usage hints. */
export function appMessage(kind: "help" | "error" | "list", headline: string, summary?: string): Answer {
  return finishAnswer({ kind, query: "", headline, summary, sections: [], suggestions: [], confident: false });
}
