// The local console: a third adapter on the same request pipeline as Slack and Discord (Hubot's shell adapter),
// for anyone without tokens, and for piped input: `printf 'who makes trainium?\n' | npm start` answers and exits at
// end of input or on `exit`. State lives in memory (no database); the operator's own terminal is not rate limited.
// `--png` after a timeline (`timeline amd --png`) also writes its picture and prints the file's path.
import { createInterface } from "node:readline";
import type { AppDeps } from "../../app/deps.js";
import { createPipeline, type Pipeline } from "../../app/pipeline.js";
import type { ReplyPort } from "../../app/request.js";
import { configSchema, type Config } from "../../config.js";
import type { Core } from "../../core/types.js";
import { silentLogger } from "../../log.js";
import { MemoryStorage } from "../../storage/memory/store.js";
import type { Answer } from "../../core/answer.js";
import { renderConsole } from "./render.js";
import { takePngFlag, writeAnswerPicture } from "./picture.js";

export interface ConsoleOptions {
  core: () => Core;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  clock: () => Date;
  timeZone?: string;
  /** interactive terminal: show a prompt and a greeting */
  interactive: boolean;
  config?: Config;
  /** where `--png` writes pictures; default the working directory */
  pictureDir?: string;
}

const GREETING = "aistack console: ask about clouds, AI chips, models and deals. `help` lists commands, `exit` quits.";
const CONSOLE_KEY = { platform: "console" as const, workspace: "local", channel: "console" };

export interface ConsoleSession {
  /** The reply to one line of input: "" for a blank line, undefined for "quit"; with the answer when there is one. */
  reply(line: string): Promise<{ text: string; answer?: Answer } | undefined>;
}

export function consoleSession(opts: Pick<ConsoleOptions, "core" | "clock" | "timeZone" | "config">): ConsoleSession {
  const config = { ...(opts.config ?? configSchema.parse({})), ...(opts.timeZone ? { DEFAULT_TZ: opts.timeZone } : {}) };
  const deps: AppDeps = { config, core: opts.core, storage: new MemoryStorage(), logger: silentLogger(), clock: opts.clock };
  const pipeline: Pipeline = createPipeline(deps, { rateLimits: false });
  return {
    async reply(line) {
      const text = line.trim();
      if (/^(exit|quit|:q)$/i.test(text)) return undefined;
      if (!text) return { text: "" };
      const out: { text: string; answer?: Answer } = { text: "" };
      const port: ReplyPort = {
        buttons: false,
        mustRespond: true,
        answer: async (answer) => void Object.assign(out, { text: renderConsole(answer), answer }),
        notice: async (notice) => void (out.text = notice),
        silent: async () => undefined,
      };
      await pipeline.handle(
        { key: CONSOLE_KEY, via: "console", actor: { id: "local", canManageChannel: true, isWorkspaceAdmin: true }, rateSubject: { user: "local", channel: "console" }, input: { kind: "text", text }, receivedAt: Date.now() },
        port,
      );
      return out;
    },
  };
}

/** Answers one line of console input; undefined means "quit". */
export const consoleReply = async (core: Core, line: string, now: Date, timeZone?: string): Promise<string | undefined> =>
  (await consoleSession({ core: () => core, clock: () => now, timeZone }).reply(line))?.text;

export function runConsole(opts: ConsoleOptions): Promise<void> {
  const session = consoleSession(opts);
  const rl = createInterface({ input: opts.input, output: opts.interactive ? opts.output : undefined, terminal: opts.interactive, historySize: 200 });
  const write = (s: string) => opts.output.write(s + "\n");
  if (opts.interactive) {
    write(GREETING);
    rl.setPrompt("aistack> ");
    rl.prompt();
  }
  return new Promise((resolve) => {
    // Lines are answered one at a time, in order; piped input can deliver lines after `exit` in the same chunk,
    // and they are not answered.
    let closed = false;
    // Input can end (Ctrl-D, end of a pipe) while earlier lines are still being answered; from Node 22 on, a
    // prompt on a closed interface throws, so the prompt is only shown while input is still open.
    let inputOpen = true;
    let queue = Promise.resolve();
    rl.on("line", (line) => {
      queue = queue.then(async () => {
        if (closed) return;
        const { text, png } = takePngFlag(line);
        const reply = await session.reply(text);
        if (reply === undefined) {
          closed = true;
          return rl.close();
        }
        const ctx = { now: opts.clock(), timeZone: opts.timeZone ?? opts.config?.DEFAULT_TZ };
        const picture = png && reply.answer ? await writeAnswerPicture(reply.answer, text, opts.core(), ctx, opts.pictureDir ?? process.cwd()) : "";
        const out = [reply.text, picture].filter(Boolean).join("\n");
        if (out) write(out + "\n");
        if (opts.interactive && inputOpen) rl.prompt();
      }).catch((err: unknown) => void write(`Sorry, that line failed: ${err instanceof Error ? err.message : String(err)}`));
    });
    rl.on("close", () => {
      inputOpen = false;
      void queue.then(() => resolve());
    });
  });
}
