// Messages → the pipeline: `@aistack <question>` in a channel and any DM get a reply; with quick answers on in a
// channel (and the Message Content intent configured), confident answers to ordinary questions get one reply per
// thread or reply chain. Never to bots (including itself). Every message id is claimed by the pipeline first, so a
// gateway RESUME replay, a restart or another shard never sends a second reply.
import type { Message } from "discord.js";
import type { AppDeps } from "../../../app/deps.js";
import type { Pipeline } from "../../../app/pipeline.js";
import type { ReplyPort } from "../../../app/request.js";
import { pictureEdit } from "../picture.js";
import { renderAnswer, renderNotice, type DiscordMessage } from "../render.js";
import { cleanUserText, messageRequest, sendOptions } from "./context.js";

/** How long a message id stays claimed: gateway replays come within minutes; a day is generous. */
export const MESSAGE_CLAIM_TTL_MS = 24 * 60 * 60 * 1000;

export const messageClaimKey = (messageId: string) => `discord:message:${messageId}`;

/** The question in a message: the bot's own mention and any other mention tokens removed. */
export const questionText = (content: string) => cleanUserText(content);

/** Replies to the message; a timeline's picture follows by editing that reply (see ../picture.ts). */
function replyPort(message: Message): ReplyPort {
  let sent: { rendered: DiscordMessage; reply: Message } | undefined;
  return {
    buttons: true,
    mustRespond: false,
    answer: async (answer, opts) => {
      const rendered = renderAnswer(answer, { answerId: opts.answerId });
      const reply = await message.reply(sendOptions(rendered));
      sent = { rendered, reply };
      // Outside a thread, a reply to this answer arrives under its message id (a reply chain).
      return message.channel.isThread() ? {} : { replyThread: reply.id };
    },
    picture: async (picture) => {
      if (!sent) throw Object.assign(new Error("no reply to attach the picture to"), { code: "discord_no_reply" });
      await sent.reply.edit(pictureEdit(sent.rendered, picture));
    },
    notice: async (text) => {
      await message.reply(sendOptions({ ...renderNotice(text), flags: undefined }));
    },
    silent: async () => undefined,
  };
}

export async function handleMessage(deps: AppDeps, pipeline: Pipeline, message: Message): Promise<void> {
  if (message.author.bot || message.system || message.webhookId) return;
  const botId = message.client.user?.id;
  if (!botId || message.author.id === botId) return;
  const delivery = { key: messageClaimKey(message.id), ttlMs: MESSAGE_CLAIM_TTL_MS };
  const text = questionText(message.content);
  if (!message.inGuild() || message.mentions.users.has(botId)) {
    const req = messageRequest(message, message.inGuild() ? "mention" : "dm", { kind: "text", text: text || "help" }, delivery);
    await pipeline.handle(req, replyPort(message));
    return;
  }
  // Ordinary channel messages are read only with the Message Content intent, which quick answers need.
  if (!deps.config.DISCORD_QUICK_ANSWERS || !text) return;
  const thread = message.channel.isThread() ? message.channel.id : (message.reference?.messageId ?? message.id);
  await pipeline.handle(messageRequest(message, "quick", { kind: "quick", text, thread }, delivery), replyPort(message));
}
