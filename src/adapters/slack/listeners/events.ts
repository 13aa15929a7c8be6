// Events API deliveries → the pipeline: `@aistack <question>` in a channel (answered in a thread), a direct message
// (answered there) and plain channel messages (a possible quick answer, in a thread). Never to bots (including
// this app), edits or other subtypes. Each carries its event_id, claimed once by the pipeline, so a Slack retry
// (X-Slack-Retry-Num), a Socket Mode redelivery or another instance never produces a second reply.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs, webApi } from "@slack/bolt";
import type { ReplyPort } from "../../../app/request.js";
import { botUserOf, slackRequest, type SlackRuntime } from "../context.js";
import { slackToPlain } from "../escape.js";
import { EVENT_DEDUPE_TTL_MS } from "../limits.js";
import { renderNotice } from "../render.js";
import { renderAnswerOnce } from "../render-cache.js";
import { uploadPicture } from "../picture.js";

export const eventDedupeKey = (eventId: string) => `slack:event:${eventId}`;

/** The fields of a message event these listeners read (the union in @slack/types is wide). */
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

/**
 * Replies posted with chat.postMessage, a timeline's picture uploaded into the same conversation and thread after it;
 * notices privately (ephemeral in channels, a plain message in a DM). Each reply is sent at most once (rt.replies):
 * a post that timed out is not sent again, a 429 holds up only this channel.
 */
function postPort(rt: SlackRuntime, client: webApi.WebClient, channel: string, user: string, thread: string | undefined, dm: boolean): ReplyPort {
  const where = { channel, ...(thread ? { thread_ts: thread } : {}), unfurl_links: false, unfurl_media: false };
  return {
    buttons: true,
    mustRespond: false,
    answer: async (answer, opts) => {
      const message = renderAnswerOnce(answer, { answerId: opts.answerId, quick: opts.quick });
      await rt.replies.send(client, channel, "chat.postMessage", (c) => c.chat.postMessage({ ...where, text: message.text, blocks: message.blocks }));
    },
    picture: (picture) => uploadPicture(client, rt.deps.config.PLATFORM_TIMEOUT_MS, { channel, ...(thread ? { thread } : {}) }, picture),
    notice: async (text) => {
      if (dm) await rt.replies.send(client, channel, "chat.postMessage", (c) => c.chat.postMessage({ channel, ...renderNotice(text) }));
      else await rt.replies.send(client, channel, "chat.postEphemeral", (c) => c.chat.postEphemeral({ channel, user, ...renderNotice(text) }));
    },
    silent: async () => undefined,
  };
}

const delivery = (body: { event_id?: string }, retryNum: number | undefined) =>
  body.event_id ? { delivery: { key: eventDedupeKey(body.event_id), ttlMs: EVENT_DEDUPE_TTL_MS, redelivered: (retryNum ?? 0) > 0 } } : {};

export function appMentionListener(rt: SlackRuntime) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<"app_mention"> & AllMiddlewareArgs): Promise<void> => {
    if (!event.user || event.bot_id || event.user === botUserOf(rt, context) || event.subtype) return;
    const where = { team: body.team_id ?? event.team ?? "", channel: event.channel, user: event.user };
    const text = slackToPlain(event.text) || "help";
    const req = slackRequest(rt, client, where, "mention", { kind: "text", text }, delivery(body, context.retryNum));
    await rt.pipeline.handle(req, postPort(rt, client, event.channel, event.user, event.thread_ts ?? event.ts, false));
  };
}

export function messageListener(rt: SlackRuntime) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs): Promise<void> => {
    const msg = event as unknown as PlainMessage;
    // Edits (message_changed), deletions, joins, bot_message, thread broadcasts…: only a person's new message counts.
    const botUserId = botUserOf(rt, context);
    if (msg.subtype !== undefined || msg.bot_id || !msg.user || msg.user === botUserId || !msg.text) return;
    const where = { team: body.team_id ?? msg.team ?? "", channel: msg.channel, user: msg.user };
    if (msg.channel_type === "im") {
      const req = slackRequest(rt, client, where, "dm", { kind: "text", text: slackToPlain(msg.text) || "help" }, delivery(body, context.retryNum));
      await rt.pipeline.handle(req, postPort(rt, client, msg.channel, msg.user, msg.thread_ts, true));
      return;
    }
    if (msg.channel_type !== "channel" && msg.channel_type !== "group") return;
    // A mention is answered by the app_mention listener.
    if (botUserId && msg.text.includes(`<@${botUserId}`)) return;
    const thread = msg.thread_ts ?? msg.ts;
    const req = slackRequest(rt, client, where, "quick", { kind: "quick", text: slackToPlain(msg.text), thread }, delivery(body, context.retryNum));
    await rt.pipeline.handle(req, postPort(rt, client, msg.channel, msg.user, thread, false));
  };
}
