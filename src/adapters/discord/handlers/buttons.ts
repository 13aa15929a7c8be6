// Buttons on an answer → the pipeline: Share (the same answer, posted visibly to the channel as the interaction's
// public reply, attributed to the user without pinging anyone) and feedback (a vote, as on Slack).
import type { ButtonInteraction } from "discord.js";
import type { AppDeps } from "../../../app/deps.js";
import type { Pipeline } from "../../../app/pipeline.js";
import type { ReplyPort } from "../../../app/request.js";
import { parseCustomId, renderAnswer, renderNotice } from "../render.js";
import { handleAnswerAction, isAnswerAction } from "./answer-actions.js";
import { displayName, interactionRequest, sendOptions } from "./context.js";

export async function handleButton(pipeline: Pipeline, deps: AppDeps, interaction: ButtonInteraction): Promise<void> {
  const action = parseCustomId(interaction.customId);
  if (!action) {
    await interaction.reply(sendOptions(renderNotice("This button is not from aistack, or no longer works.")));
    return;
  }
  if (isAnswerAction(action)) return handleAnswerAction(deps, interaction, action);
  const port: ReplyPort = {
    buttons: true,
    mustRespond: true,
    // A non-ephemeral reply to the button is a channel message everyone sees; it needs no Send Messages permission.
    answer: async (answer, opts) => {
      await interaction.reply(sendOptions(renderAnswer(answer, { answerId: opts.answerId, sharedBy: displayName(interaction) })));
    },
    notice: async (text) => {
      await interaction.reply(sendOptions(renderNotice(text)));
    },
    silent: async () => undefined,
  };
  const req = action.action === "share"
    ? interactionRequest(interaction, "share", { kind: "share", answerId: action.answerId })
    : interactionRequest(interaction, "feedback", { kind: "vote", answerId: action.answerId, vote: action.vote });
  await pipeline.handle(req, port);
}
