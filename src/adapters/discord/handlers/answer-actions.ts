// Show more and Suggest for the knowledge base on Discord. Show more updates the message the button is on with the
// next page (interaction.update: the same message, ephemeral or not, edited in place); Suggest records the refused
// question as a miss and thanks the user in an ephemeral reply.
import { MessageFlags, type ButtonInteraction } from "discord.js";
import { ANSWER_TOO_OLD, answerPage, SUGGEST_THANKS, SUGGEST_UNSAVED, suggestForKnowledgeBase } from "../../../app/answer-actions.js";
import type { AppDeps } from "../../../app/deps.js";
import { logRequest } from "../../../log.js";
import { renderAnswer, renderNotice, type ButtonAction } from "../render.js";
import { sendOptions } from "./context.js";

type AnswerAction = Extract<ButtonAction, { action: "more" | "suggest" }>;

export const isAnswerAction = (a: ButtonAction): a is AnswerAction => a.action === "more" || a.action === "suggest";

export async function handleAnswerAction(deps: AppDeps, interaction: ButtonInteraction, action: AnswerAction): Promise<void> {
  const started = Date.now();
  const where = { workspace: interaction.guildId ?? "dm", channel: interaction.channelId };
  if (action.action === "more") {
    const answer = await answerPage(deps, "discord", action.answerId, action.page);
    if (!answer) {
      await interaction.reply(sendOptions(renderNotice(ANSWER_TOO_OLD)));
      return;
    }
    const ephemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
    // an update keeps the message's own flags; only the content, embeds and buttons change
    const { flags: _flags, ...page } = sendOptions(renderAnswer(answer, { answerId: action.answerId, ephemeral }));
    await interaction.update(page);
    logRequest(deps.logger, { platform: "discord", via: "more", command: `page ${action.page}`, outcome: answer.kind, ms: Date.now() - started, ...where });
    return;
  }
  const result = await suggestForKnowledgeBase(deps, "discord", action.answerId);
  const notice = result.outcome === "recorded" ? SUGGEST_THANKS(result.question) : result.outcome === "unsaved" ? SUGGEST_UNSAVED : ANSWER_TOO_OLD;
  await interaction.reply(sendOptions(renderNotice(notice)));
  logRequest(deps.logger, { platform: "discord", via: "suggest", outcome: result.outcome, ms: Date.now() - started, ...where });
}
