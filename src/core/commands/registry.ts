// The one explicit list of commands. Console, Slack and Discord all build their command surfaces and help
// from it, so a command added here appears everywhere without a second list.
export type AutocompleteSource = "entity" | "subject" | "question";

export interface CommandOption {
  name: string;
  description: string;
  required: boolean;
  autocomplete?: AutocompleteSource;
  /** fixed choices (Discord shows them as a picker; text parsers accept them) */
  choices?: readonly string[];
}

export interface CommandSpec {
  name: string;
  /** ≤100 chars: Discord's limit for descriptions */
  description: string;
  /** text form, after the bot's name: "timeline <entity or year>" */
  usage: string;
  examples: readonly string[];
  options: readonly CommandOption[];
  /**
   * "core" commands are answered by the query core (pure, no storage);
   * "app" commands change settings and are handled by the app layer with storage (the adapters route them).
   */
  scope: "core" | "app";
  /** app commands that change channel settings need Manage Channels (Discord) / channel membership (Slack) */
  changesSettings?: boolean;
}

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "ask",
    description: "Ask a question about clouds, AI chips, models and the deals between them",
    usage: "ask <question>",
    examples: ["ask how much did Amazon put into Anthropic?", "ask when was Trainium announced?"],
    options: [{ name: "question", description: "Your question, in plain words", required: true, autocomplete: "question" }],
    scope: "core",
  },
  {
    name: "timeline",
    description: "Dated events for a company, product, chip or year",
    usage: "timeline <entity or year>",
    examples: ["timeline trainium", "timeline 2024", "timeline amd 2025"],
    options: [{ name: "subject", description: "A company, product, chip or a year such as 2024", required: true, autocomplete: "subject" }],
    scope: "core",
  },
  {
    name: "about",
    description: "What something is, its key facts and latest events",
    usage: "about <entity>",
    examples: ["about anthropic", "about inferentia"],
    options: [{ name: "entity", description: "A company, product, chip, model or person", required: true, autocomplete: "entity" }],
    scope: "core",
  },
  {
    name: "compare",
    description: "Two things side by side",
    usage: "compare <a> <b>",
    examples: ["compare trainium tpu", "compare amazon google"],
    options: [
      { name: "a", description: "First company, product, chip or model", required: true, autocomplete: "entity" },
      { name: "b", description: "Second company, product, chip or model", required: true, autocomplete: "entity" },
    ],
    scope: "core",
  },
  {
    name: "sources",
    description: "What the knowledge base is built from",
    usage: "sources",
    examples: ["sources"],
    options: [],
    scope: "core",
  },
  {
    name: "help",
    description: "How to use aistack",
    usage: "help",
    examples: ["help"],
    options: [],
    scope: "core",
  },
  {
    name: "autoanswer",
    description: "Quick answers in this channel: on, off or status",
    usage: "autoanswer on|off|status",
    examples: ["autoanswer on", "autoanswer status"],
    options: [{ name: "mode", description: "on, off or status", required: true, choices: ["on", "off", "status"] }],
    scope: "app",
    changesSettings: true,
  },
  {
    name: "digest",
    description: "Daily digest for this channel: subscribe, unsubscribe, status or preview",
    usage: "digest subscribe [at HH:MM] [tz Area/City] [days weekdays|daily] [topics a,b] | unsubscribe | status | preview",
    examples: ["digest subscribe at 09:00 tz Europe/Berlin", "digest status", "digest preview"],
    options: [
      { name: "action", description: "subscribe, unsubscribe, status or preview", required: true, choices: ["subscribe", "unsubscribe", "status", "preview"] },
      { name: "at", description: "Local time HH:MM (24 h), default 09:00", required: false },
      { name: "tz", description: "Time zone such as Europe/Berlin", required: false },
      { name: "days", description: "weekdays or daily", required: false, choices: ["weekdays", "daily"] },
      { name: "topics", description: "Comma-separated: clouds, chips, models, investments, …", required: false },
    ],
    scope: "app",
    changesSettings: true,
  },
];

export const commandByName = (name: string): CommandSpec | undefined => COMMANDS.find((c) => c.name === name);
