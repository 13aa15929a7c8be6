// `help`: every command from the registry, with usage and an example.
import { finishAnswer, type Answer } from "../answer.js";
import { COMMANDS } from "./registry.js";

export function helpAnswer(examples: string[] = []): Answer {
  return finishAnswer({
    kind: "help",
    query: "help",
    headline: "aistack answers questions about the AI industry stack",
    summary: "Clouds, AI chips, foundation models and the deals between them, from a cited knowledge base. Ask in plain words, or use a command:",
    sections: [
      {
        items: COMMANDS.map((c) => ({
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
