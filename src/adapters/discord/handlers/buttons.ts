// Buttons on an answer → the pipeline: Share (the same answer, posted visibly to the channel as the interaction's
// public reply, attributed to the user without pinging anyone, a timeline's with its picture), feedback (a vote, as on Slack), Show more (the next
// page, updating the message the button is on) and Suggest for the knowledge base (the refused question noted).
import { MessageFlags, type ButtonInteraction } from "discord.js";
import type { Pipeline } from "../../../app/pipeline.js";
import type { InboundRequest, ReplyPort } from "../../../app/request.js";
import { PICTURES } from "../../../app/pictures.js";
import { embedsWithPicture, pictureEdit } from "../picture.js";
import { parseCustomId, renderAnswer, renderNotice, type ButtonAction, type DiscordMessage } from "../render.js";
import { displayName, interactionRequest, sendOptions } from "./context.js";

/**
 * How long a pressed button's interaction id stays claimed: its token answers for 15 minutes, so a redelivered or
 * replayed press after that could not be answered anyway.
 */
export const INTERACTION_CLAIM_TTL_MS = 15 * 60 * 1000;
export const interactionClaimKey = (interactionId: string) => `discord:interaction:${interactionId}`;

function buttonPort(interaction: ButtonInteraction): ReplyPort {
  let shared: DiscordMessage | undefined;
  return {
    buttons: true,
    mustRespond: true,
    // A non-ephemeral reply to the button is a channel message everyone sees; it needs no Send Messages permission.
    answer: async (answer, opts) => {
      shared = renderAnswer(answer, { answerId: opts.answerId, sharedBy: displayName(interaction) });
      await interaction.reply(sendOptions(shared));
    },
    // a shared timeline's picture: that reply, edited to carry it
    picture: async (picture) => {
      if (!shared) throw Object.assign(new Error("no reply to attach the picture to"), { code: "discord_no_reply" });
      await interaction.editReply(pictureEdit(shared, picture));
    },
    // UPDATE_MESSAGE edits the message the button is on, ephemeral or not, and keeps its flags: only the content,
    // embeds and buttons change (an ephemeral message keeps its Share button).
    replace: async (answer, opts) => {
      const ephemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
      const { flags: _flags, ...page } = sendOptions(renderAnswer(answer, { answerId: opts.answerId, ephemeral }));
      // a timeline's picture (the whole timeline, whatever the page) stays on the message and in its embed
      const picture = opts.picture && interaction.message.attachments.some((a) => a.name === PICTURES.filename);
      await interaction.update(picture ? { ...page, embeds: embedsWithPicture(page.embeds, PICTURES.filename) } : page);
    },
    notice: async (text) => {
      await interaction.reply(sendOptions(renderNotice(text)));
    },
    silent: async () => undefined,
  };
}

function buttonRequest(interaction: ButtonInteraction, action: ButtonAction): InboundRequest {
  const claimed = (req: InboundRequest): InboundRequest => ({ ...req, delivery: { key: interactionClaimKey(interaction.id), ttlMs: INTERACTION_CLAIM_TTL_MS } });
  switch (action.action) {
    case "share":
      return interactionRequest(interaction, "share", { kind: "share", answerId: action.answerId });
    case "vote":
      return interactionRequest(interaction, "feedback", { kind: "vote", answerId: action.answerId, vote: action.vote });
    case "more":
      return claimed(interactionRequest(interaction, "more", { kind: "more", answerId: action.answerId, page: action.page }));
    case "suggest":
      return claimed(interactionRequest(interaction, "suggest", { kind: "suggest", answerId: action.answerId }));
  }
}

export async function handleButton(pipeline: Pipeline, interaction: ButtonInteraction): Promise<void> {
  const action = parseCustomId(interaction.customId);
  if (!action) {
    await interaction.reply(sendOptions(renderNotice("This button is not from aistack, or no longer works.")));
    return;
  }
  await pipeline.handle(buttonRequest(interaction, action), buttonPort(interaction));
}
