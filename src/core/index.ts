// The query core: platform-neutral, no storage, no wall clock. createCore(kb) builds the indexes once;
// every method is a pure function of the knowledge base, its arguments and the injected clock.
import type { KnowledgeBase } from "../kb/types.js";
import type { Answer } from "./answer.js";
import { ask } from "./commands/ask.js";
import { errorAnswer } from "./commands/messages.js";
import { parseCommandText } from "./commands/parse.js";
import { CORE_SPECS, coreCommandByName } from "./commands/registry.js";
import type { AutocompleteSource } from "./commands/spec.js";
import { autocomplete } from "./autocomplete.js";
import { Engine } from "./engine.js";
import type { Lexicon } from "./lexicon.js";
import { pageArgs } from "./paging.js";
import { quickAnswer } from "./quick-answer.js";
import type { Choice, Core, QueryContext } from "./types.js";

/**
 * `lexicon` brings the full English dictionary and WordNet thesaurus (src/lexicon/loadLexicon); without it the
 * core reads typos and paraphrase from the common-word list alone.
 */
export function createCore(kb: KnowledgeBase, lexicon?: Lexicon): Core {
  const engine = new Engine(kb, lexicon);

  const run = (name: string, args: Record<string, string>, ctx: QueryContext): Answer => {
    const command = coreCommandByName(name);
    if (!command) return errorAnswer(name, `Unknown command "${name.slice(0, 40)}".`, "Type `help` to see what aistack can do.", ["help"]);
    const { args: rest, page, pageSize } = pageArgs(args);
    return command.run(engine, rest, { ...ctx, commands: ctx.commands ?? CORE_SPECS, ...(page ? { page } : {}), ...(pageSize ? { pageSize } : {}) });
  };

  return Object.freeze({
    kb,
    commands: CORE_SPECS,
    run,
    handleText: (text: string, ctx: QueryContext) => {
      const parsed = parseCommandText(text);
      return run(parsed.command.spec.name, parsed.args, ctx);
    },
    ask: (question: string, ctx: QueryContext) => ask(engine, question, ctx),
    autocomplete: (source: AutocompleteSource, partial: string, limit = 25): Choice[] => autocomplete(engine, source, partial, limit),
    quickAnswer: (message: string, ctx: QueryContext) => quickAnswer(engine, message, ctx),
  });
}

export type { Core, QueryContext, Choice } from "./types.js";
export type { Answer } from "./answer.js";
export type { Lexicon } from "./lexicon.js";
