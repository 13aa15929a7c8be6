// `/aistack <subcommand>`: options by registry name → the shared request path → an ephemeral embed with
// Share and feedback buttons. The core is synchronous and fast, so the reply is the first (and only) response.
import type { ChatInputCommandInteraction } from "discord.js";
import { answerCommand } from "../../../app/answering.js";
import type { AppDeps } from "../../../app/deps.js";
import { commandByName } from "../../../app/commands/list.js";
import { checkRate, RATE_LIMITED_TEXT } from "../ratelimit.js";
import { renderAnswer, renderNotice } from "../render.js";
import { cleanUserText, interactionRequest, sendOptions } from "./context.js";
import { logRequest } from "../../../log.js";

export async function handleChatInput(deps: AppDeps, interaction: ChatInputCommandInteraction): Promise<void> {
  const started = Date.now();
  const where = { workspace: interaction.guildId ?? "dm", channel: interaction.channelId ?? "dm" };
  const name = interaction.options.getSubcommand(false) ?? "help";
  const spec = commandByName(name)?.spec;
  if (!spec || !spec.surfaces.includes("discord")) {
    await interaction.reply(sendOptions(renderNotice(`\`/aistack ${name.slice(0, 32)}\` is not a command any more. Try \`/aistack help\`.`)));
    return;
  }
  const rate = checkRate(deps, interaction.user.id, interaction.channelId ?? interaction.user.id);
  if (!rate.ok) {
    // an interaction must always get a response: the notice is ephemeral and short
    await interaction.reply(sendOptions(renderNotice(RATE_LIMITED_TEXT)));
    logRequest(deps.logger, { platform: "discord", via: "command", command: name, outcome: "limited", ms: Date.now() - started, ...where });
    return;
  }
  const args: Record<string, string> = {};
  for (const opt of spec.options) {
    const value = cleanUserText(interaction.options.getString(opt.name, false) ?? "");
    if (value) args[opt.name] = value;
  }
  const reply = answerCommand(deps, interactionRequest(interaction), name, args);
  await interaction.reply(sendOptions(renderAnswer(reply.answer, { answerId: reply.answerId, ephemeral: true })));
  logRequest(deps.logger, { platform: "discord", via: "command", command: reply.command, outcome: reply.answer.kind, ms: Date.now() - started, ...where });
}
