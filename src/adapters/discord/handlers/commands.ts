// `/aistack <subcommand>`: options by registry name → the pipeline → an ephemeral embed with Share and feedback
// buttons; a timeline's picture follows by editing that reply. An interaction must always get a response, so even a
// limited request gets its short notice.
import type { ChatInputCommandInteraction } from "discord.js";
import { commandByName } from "../../../app/commands/list.js";
import type { Pipeline } from "../../../app/pipeline.js";
import type { ReplyPort } from "../../../app/request.js";
import { pictureEdit } from "../picture.js";
import { renderAnswer, renderNotice, type DiscordMessage } from "../render.js";
import { cleanUserText, interactionRequest, sendOptions } from "./context.js";

export function interactionPort(interaction: ChatInputCommandInteraction): ReplyPort {
  let sent: DiscordMessage | undefined;
  return {
    buttons: true,
    mustRespond: true,
    answer: async (answer, opts) => {
      sent = renderAnswer(answer, { answerId: opts.answerId, ephemeral: true });
      await interaction.reply(sendOptions(sent));
    },
    // the interaction's token edits its reply for 15 minutes, far longer than a render waits
    picture: async (picture) => {
      if (!sent) throw Object.assign(new Error("no reply to attach the picture to"), { code: "discord_no_reply" });
      await interaction.editReply(pictureEdit(sent, picture));
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
