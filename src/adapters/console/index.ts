// The local console: the same commands as chat, for anyone without tokens (and for piped input:
// `printf 'who makes trainium?\n' | npm start` answers and exits at end of input or on `exit`).
import { createInterface } from "node:readline";
import type { Core } from "../../core/types.js";
import { parseText, specsFor } from "../../app/commands/list.js";
import { renderConsole } from "./render.js";
import { refuseLongInput } from "../../app/answering.js";

export interface ConsoleOptions {
  core: () => Core;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  clock: () => Date;
  timeZone?: string;
  /** interactive terminal: show a prompt and a greeting */
  interactive: boolean;
}

const GREETING = "aistack console: ask about clouds, AI chips, models and deals. `help` lists commands, `exit` quits.";

/** Answers one line of console input; undefined means "quit". */
export function consoleReply(core: Core, line: string, now: Date, timeZone?: string): string | undefined {
  const text = line.trim();
  if (/^(exit|quit|:q)$/i.test(text)) return undefined;
  if (!text) return "";
  const refused = refuseLongInput(text);
  if (refused) return renderConsole(refused);
  const parsed = parseText(text);
  if (!parsed.command.spec.surfaces.includes("console")) {
    return `\`${parsed.command.spec.name}\` changes a Slack or Discord channel's settings; it is not available in the console.`;
  }
  return renderConsole(core.run(parsed.command.spec.name, parsed.args, { now, timeZone, commands: specsFor("console") }));
}

export function runConsole(opts: ConsoleOptions): Promise<void> {
  const rl = createInterface({ input: opts.input, output: opts.interactive ? opts.output : undefined, terminal: opts.interactive, historySize: 200 });
  const write = (s: string) => opts.output.write(s + "\n");
  if (opts.interactive) {
    write(GREETING);
    rl.setPrompt("aistack> ");
    rl.prompt();
  }
  return new Promise((resolve) => {
    // Piped input can deliver lines after `exit` in the same chunk; they are not answered.
    let closed = false;
    rl.on("line", (line) => {
      if (closed) return;
      const reply = consoleReply(opts.core(), line, opts.clock(), opts.timeZone);
      if (reply === undefined) {
        closed = true;
        return rl.close();
      }
      if (reply) write(reply + "\n");
      if (opts.interactive) rl.prompt();
    });
    rl.on("close", () => resolve());
  });
}
