// Messages: `@aistack <question>` in a channel and any DM get a reply; with quick answers on in a channel
// (and the Message Content intent configured), confident answers to ordinary questions get one reply per
// thread or reply chain. Never to bots (including itself). Every message id is claimed in storage first, so a
// gateway RESUME replay, a restart or another shard never sends a second reply.
import type { Message } from "discord.js";
import { answerText, claimOrAnswerAnyway, quickAnswer, type Reply } from "../../../app/answering.js";
import type { AppDeps } from "../../../app/deps.js";
import { checkRate, RATE_LIMITED_TEXT } from "../ratelimit.js";
import { renderAnswer, renderNotice } from "../render.js";
import { cleanUserText, messageRequest, sendOptions } from "./context.js";
import { logRequest } from "../../../log.js";

/** How long a message id stays claimed: gateway replays come within minutes; a day is generous. */
export const MESSAGE_CLAIM_TTL_MS = 24 * 60 * 60 * 1000;

export const messageClaimKey = (messageId: string) => `discord:message:${messageId}`;

/** The question in a message: the bot's own mention and any other mention tokens removed. */
export const questionText = (content: string) => cleanUserText(content);

export async function handleMessage(deps: AppDeps, message: Message): Promise<void> {
  if (message.author.bot || message.system || message.webhookId) return;
  const botId = message.client.user?.id;
  if (!botId || message.author.id === botId) return;
  const started = Date.now();
  const req = messageRequest(message);
  const direct = !message.inGuild() || message.mentions.users.has(botId);

  if (direct) {
    if (!claimOrAnswerAnyway(deps, messageClaimKey(message.id), MESSAGE_CLAIM_TTL_MS)) return;
    const rate = checkRate(deps, message.author.id, message.channelId);
    if (!rate.ok) {
      if (rate.notify) await message.reply(sendOptions({ ...renderNotice(RATE_LIMITED_TEXT), flags: undefined }));
      logRequest(deps.logger, { platform: "discord", via: message.inGuild() ? "mention" : "dm", outcome: "limited", ms: Date.now() - started, workspace: message.guildId ?? "dm", channel: message.channelId });
      return;
    }
    const text = questionText(message.content);
    const reply = answerText(deps, req, text || "help");
    await send(deps, message, reply, message.inGuild() ? "mention" : "dm", started);
    return;
  }

  const text = questionText(message.content);
  if (!deps.config.DISCORD_QUICK_ANSWERS || !text) return;
  if (!deps.storage.getChannelSettings(req.key)?.autoanswer) return;
  if (!deps.storage.claimEvent(messageClaimKey(message.id), deps.clock(), MESSAGE_CLAIM_TTL_MS)) return;
  const chain = message.channel.isThread() ? message.channel.id : (message.reference?.messageId ?? message.id);
  const reply = quickAnswer(deps, req, text, chain);
  if (!reply) return;
  // counted only when the bot would answer; over the limit it stays quiet (nobody asked, so no notice)
  if (!checkRate(deps, message.author.id, message.channelId).ok) return;
  const sent = await send(deps, message, reply, "quick", started);
  // A reply to the bot's answer continues the same chain: claim it too, so it gets no second quick answer.
  if (sent && !message.channel.isThread()) deps.storage.claimThread(`discord:${req.key.workspace}:${req.key.channel}:${sent.id}`, deps.clock());
}

async function send(deps: AppDeps, message: Message, reply: Reply, via: string, started: number): Promise<Message> {
  const sent = await message.reply(sendOptions(renderAnswer(reply.answer, { answerId: reply.answerId })));
  logRequest(deps.logger, { platform: "discord", via, command: reply.command, outcome: reply.answer.kind, ms: Date.now() - started, workspace: message.guildId ?? "dm", channel: message.channelId });
  return sent;
}
