// The local console: the same commands as chat, for anyone without tokens (and for piped input:
// `printf 'who makes trainium?\n' | npm start` answers and exits at end of input or on `exit`).
// `--png` after a timeline (`timeline amd --png`) also writes its picture and prints the file's path.
import { createInterface } from "node:readline";
import type { Core } from "../../core/types.js";
import { parseText, specsFor } from "../../app/commands/list.js";
import { renderConsole } from "./render.js";
import { refuseLongInput } from "../../app/answering.js";
import type { Answer } from "../../core/answer.js";
import { takePngFlag, writeAnswerPicture } from "./picture.js";

export interface ConsoleOptions {
  core: () => Core;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  clock: () => Date;
  timeZone?: string;
  /** interactive terminal: show a prompt and a greeting */
  interactive: boolean;
  /** where `--png` writes pictures; default the working directory */
  pictureDir?: string;
}

const GREETING = "aistack console: ask about clouds, AI chips, models and deals. `help` lists commands, `exit` quits.";

/** One line's reply: the text to print and, when the core answered, its answer; undefined means "quit". */
export function consoleAnswer(core: Core, line: string, now: Date, timeZone?: string): { text: string; answer?: Answer } | undefined {
  const text = line.trim();
  if (/^(exit|quit|:q)$/i.test(text)) return undefined;
  if (!text) return { text: "" };
  const refused = refuseLongInput(text);
  if (refused) return { text: renderConsole(refused) };
  const parsed = parseText(text);
  if (!parsed.command.spec.surfaces.includes("console")) {
    return { text: `\`${parsed.command.spec.name}\` changes a Slack or Discord channel's settings; it is not available in the console.` };
  }
  const answer = core.run(parsed.command.spec.name, parsed.args, { now, timeZone, commands: specsFor("console") });
  return { text: renderConsole(answer), answer };
}

/** Answers one line of console input; undefined means "quit". */
export function consoleReply(core: Core, line: string, now: Date, timeZone?: string): string | undefined {
  return consoleAnswer(core, line, now, timeZone)?.text;
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
    // a picture is drawn asynchronously: later lines wait for it, so replies stay in input order
    let pending = Promise.resolve();
    rl.on("line", (line) => {
      if (closed) return;
      const { text, png } = takePngFlag(line);
      const core = opts.core();
      const reply = consoleAnswer(core, text, opts.clock(), opts.timeZone);
      if (reply === undefined) {
        closed = true;
        return rl.close();
      }
      pending = pending.then(async () => {
        const picture = png && reply.answer ? await writeAnswerPicture(reply.answer, core.kb, opts.pictureDir ?? process.cwd()) : "";
        const out = [reply.text, picture].filter(Boolean).join("\n");
        if (out) write(out + "\n");
        if (opts.interactive) rl.prompt();
      });
    });
    rl.on("close", () => void pending.then(() => resolve()));
  });
}
