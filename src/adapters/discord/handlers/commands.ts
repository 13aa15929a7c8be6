// `/aistack <subcommand>`: options by registry name → the pipeline → an ephemeral embed with Share and feedback
// buttons. An interaction must always get a response, so even a limited request gets its short notice.
import type { ChatInputCommandInteraction } from "discord.js";
import { commandByName } from "../../../app/commands/list.js";
import type { Pipeline } from "../../../app/pipeline.js";
import type { ReplyPort } from "../../../app/request.js";
import { renderAnswer, renderNotice } from "../render.js";
import { cleanUserText, interactionRequest, sendOptions } from "./context.js";

export function interactionPort(interaction: ChatInputCommandInteraction): ReplyPort {
  return {
    buttons: true,
    mustRespond: true,
    answer: async (answer, opts) => {
      await interaction.reply(sendOptions(renderAnswer(answer, { answerId: opts.answerId, ephemeral: true })));
    },
    notice: async (text) => {
      await interaction.reply(sendOptions(renderNotice(text)));
    },
    silent: async () => undefined,
  };
}

export async function handleChatInput(pipeline: Pipeline, interaction: ChatInputCommandInteraction): Promise<void> {
  const name = interaction.options.getSubcommand(false) ?? "help";
  const args: Record<string, string> = {};
  for (const opt of commandByName(name)?.spec.options ?? []) {
    const value = cleanUserText(interaction.options.getString(opt.name, false) ?? "");
    if (value) args[opt.name] = value;
  }
  await pipeline.handle(interactionRequest(interaction, "command", { kind: "command", name, args }), interactionPort(interaction));
}
