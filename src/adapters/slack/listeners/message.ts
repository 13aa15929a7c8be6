// Plain messages: a direct message to the app is answered there; in team channels, a message may get a
// short threaded quick answer when the channel opted in and the core is confident. Never to bots (including
// this app), never to edits or other subtypes, never to a retried delivery, never twice in one thread.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { answerCommand, quickAnswer } from "../../../app/answering.js";
import { parseText } from "../../../app/commands/list.js";
import { actorFor, slackRequest, type SlackRuntime } from "../context.js";
import { slackToPlain } from "../escape.js";
import { checkRate, RATE_LIMITED_TEXT } from "../ratelimit.js";
import { renderAnswer, renderNotice } from "../render.js";
import { logRequest } from "../../../log.js";

/** The fields of a message event this listener reads (the union in @slack/types is wide). */
interface PlainMessage {
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
  channel_type?: string;
  team?: string;
}

export function messageListener(rt: SlackRuntime) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs): Promise<void> => {
    const msg = event as unknown as PlainMessage;
    // Edits (message_changed), deletions, joins, bot_message, thread broadcasts…: only a person's new message counts.
    if (msg.subtype !== undefined || msg.bot_id || !msg.user || msg.user === rt.botUserId || !msg.text) return;
    const team = body.team_id ?? msg.team ?? "";
    if (msg.channel_type === "im") return answerDirect(rt, client, team, msg);
    if (msg.channel_type !== "channel" && msg.channel_type !== "group") return;
    // A mention is answered by the app_mention listener; a retry is never answered unprompted.
    if (msg.text.includes(`<@${rt.botUserId}`) || (context.retryNum ?? 0) > 0) return;
    const started = Date.now();
    const req = slackRequest(team, msg.channel, { id: msg.user, canManageChannel: false, isWorkspaceAdmin: false });
    // Chatter in channels without quick answers costs nothing, not even a rate-limit slot.
    if (!rt.deps.storage.getChannelSettings(req.key)?.autoanswer) return;
    // Unprompted answers stay quiet when the budget is spent: no notice for a question nobody asked the bot.
    if (!checkRate(rt.deps, team, msg.user, msg.channel).ok) return;
    const reply = quickAnswer(rt.deps, req, slackToPlain(msg.text), msg.thread_ts ?? msg.ts);
    if (!reply) return;
    const message = renderAnswer(reply.answer, { answerId: reply.answerId, quick: true });
    await client.chat.postMessage({ channel: msg.channel, thread_ts: msg.thread_ts ?? msg.ts, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
    logRequest(rt.deps.logger, { platform: "slack", via: "quick", command: reply.command, outcome: reply.answer.kind, ms: Date.now() - started, workspace: team, channel: msg.channel });
  };
}

async function answerDirect(rt: SlackRuntime, client: AllMiddlewareArgs["client"], team: string, msg: PlainMessage): Promise<void> {
  const started = Date.now();
  const rate = checkRate(rt.deps, team, msg.user!, msg.channel);
  if (!rate.ok) {
    if (rate.notify) await client.chat.postMessage({ channel: msg.channel, ...renderNotice(RATE_LIMITED_TEXT) });
    logRequest(rt.deps.logger, { platform: "slack", via: "dm", outcome: "limited", ms: Date.now() - started, workspace: team, channel: msg.channel });
    return;
  }
  const text = slackToPlain(msg.text ?? "") || "help";
  const parsed = parseText(text);
  const { actor, timeZone } = await actorFor(client, msg.user!, parsed.command.spec.name, rt);
  const reply = answerCommand(rt.deps, slackRequest(team, msg.channel, actor, timeZone), parsed.command.spec.name, parsed.args);
  const message = renderAnswer(reply.answer, { answerId: reply.answerId });
  await client.chat.postMessage({ channel: msg.channel, ...(msg.thread_ts ? { thread_ts: msg.thread_ts } : {}), text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
  logRequest(rt.deps.logger, { platform: "slack", via: "dm", command: reply.command, outcome: reply.answer.kind, ms: Date.now() - started, workspace: team, channel: msg.channel });
}
