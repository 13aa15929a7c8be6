// A command's spec: name, options, help, examples, where it is offered and what it needs. Data only (no imports),
// so every layer can read specs; handlers are attached in core-command.ts (core) and src/app (app commands).

export type AutocompleteSource = "entity" | "subject" | "question";

/** Where a command can be used: each surface builds its command list, help and parser input from the specs offered there. */
export type Surface = "slack" | "discord" | "console";
export const EVERY_SURFACE: readonly Surface[] = ["slack", "discord", "console"];
export const CHAT_SURFACES: readonly Surface[] = ["slack", "discord"];

export interface CommandOption {
  name: string;
  description: string;
  required: boolean;
  autocomplete?: AutocompleteSource;
  /** fixed choices (Discord shows them as a picker; text parsers accept them) */
  choices?: readonly string[];
}

/** Facts about the person asking that a handler reads; adapters look them up (Slack: users.info) only for commands that declare them. */
export type ActorFact = "workspace-admin" | "time-zone";

export interface CommandSpec {
  name: string;
  /** ≤100 chars: Discord's limit for descriptions */
  description: string;
  /** text form, after the bot's name: "timeline <entity or year>" */
  usage: string;
  examples: readonly string[];
  options: readonly CommandOption[];
  /** the surfaces that offer it (help, Slack's App Home, Discord's command JSON and the console list only these) */
  surfaces: readonly Surface[];
  /** a change made with it needs Manage Channels (Discord) / channel membership (Slack); reading is open to anyone */
  changePermission?: "manage-channel";
  /** what its handler needs to know about the actor beyond the id */
  actorFacts?: readonly ActorFact[];
}

/** The text after a command's name ("trainium vs tpu") → its named options. */
export type TextParser = (rest: string) => Record<string, string>;

/** The default text form: the rest of the line is the first option. */
export const restAsFirstOption = (spec: CommandSpec): TextParser => (rest) => (spec.options[0] && rest ? { [spec.options[0].name]: rest } : {});
