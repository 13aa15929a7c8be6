// `help`: the commands the asker can use (given by the caller, so each surface lists only its own), with usage
// and an example.
import { finishAnswer, type Answer } from "../answer.js";
import { coreCommand } from "./core-command.js";
import { EVERY_SURFACE, type CommandSpec } from "./spec.js";

export function helpAnswer(examples: string[] = [], commands: readonly CommandSpec[] = []): Answer {
  return finishAnswer({
    kind: "help",
    query: "help",
    headline: "aistack answers questions about the AI industry stack",
    summary: "Clouds, AI chips, foundation models and the deals between them, from a cited knowledge base. Ask in plain words, or use a command:",
    sections: [
      {
        items: commands.map((c) => ({
          id: `command:${c.name}`,
          recordKind: "command" as const,
          title: c.usage,
          text: `${c.description}. Example: ${c.examples[0]}`,
          entities: [],
          sources: [],
          conflictNotes: [],
          score: 1,
        })),
      },
    ],
    suggestions: examples,
    confident: false,
  });
}

export const helpCommand = coreCommand({
  spec: { name: "help", description: "How to use aistack", usage: "help", examples: ["help"], options: [], surfaces: EVERY_SURFACE },
  run: (engine, _args, ctx) => helpAnswer(engine.kb.questions.slice(0, 3).map((q) => q.question), ctx.commands),
});
