// Buttons on an answer: Share (the same answer, posted visibly to the channel as the interaction's public reply,
// attributed to the user without pinging anyone) and feedback (recorded like on Slack, via recordVote).
import type { ButtonInteraction } from "discord.js";
import { recordVote, sharedAnswer, VOTE_UNSAVED_TEXT } from "../../../app/answering.js";
import type { AppDeps } from "../../../app/deps.js";
import { parseCustomId, renderAnswer, renderNotice } from "../render.js";
import { handleAnswerAction, isAnswerAction } from "./answer-actions.js";
import { displayName, interactionRequest, sendOptions } from "./context.js";
import { logRequest } from "../../../log.js";

export const TOO_OLD = "That answer is too old to act on. Ask again with `/aistack ask`.";
export const THANKS: Record<string, string> = {
  helpful: "Thanks, glad it helped. Your vote is recorded.",
  not_helpful: "Thanks, your vote is recorded. Try `/aistack help` for other ways to ask.",
  wrong: "Thanks for reporting it: the records in this answer are flagged for review.",
};

export async function handleButton(deps: AppDeps, interaction: ButtonInteraction): Promise<void> {
  const started = Date.now();
  const where = { workspace: interaction.guildId ?? "dm", channel: interaction.channelId };
  const action = parseCustomId(interaction.customId);
  if (!action) {
    await interaction.reply(sendOptions(renderNotice("This button is not from aistack, or no longer works.")));
    return;
  }
  if (isAnswerAction(action)) return handleAnswerAction(deps, interaction, action);
  const req = interactionRequest(interaction);
  if (action.action === "share") {
    const reply = sharedAnswer(deps, req, action.answerId);
    if (!reply) {
      await interaction.reply(sendOptions(renderNotice(TOO_OLD)));
      return;
    }
    // A non-ephemeral reply to the button is a channel message everyone sees; it needs no Send Messages permission.
    await interaction.reply(sendOptions(renderAnswer(reply.answer, { answerId: action.answerId, sharedBy: displayName(interaction) })));
    logRequest(deps.logger, { platform: "discord", via: "share", command: reply.command, outcome: reply.answer.kind, ms: Date.now() - started, ...where });
    return;
  }
  const result = recordVote(deps, req, action.answerId, action.vote);
  await interaction.reply(sendOptions(renderNotice(result === "recorded" ? THANKS[action.vote]! : result === "unsaved" ? VOTE_UNSAVED_TEXT : TOO_OLD)));
  logRequest(deps.logger, { platform: "discord", via: "feedback", command: action.vote, outcome: result, ms: Date.now() - started, ...where });
}
