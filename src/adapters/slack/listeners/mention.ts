// `@aistack <question>` in a channel: answered in a thread (the mention's own thread when it is in one).
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { answerCommand } from "../../../app/answering.js";
import { parseText } from "../../../app/commands/list.js";
import { actorFor, slackRequest, type SlackRuntime } from "../context.js";
import { slackToPlain } from "../escape.js";
import { checkRate, RATE_LIMITED_TEXT } from "../ratelimit.js";
import { renderAnswer, renderNotice } from "../render.js";
import { logRequest } from "../../../log.js";

export function appMentionListener(rt: SlackRuntime) {
  return async ({ event, body, client }: SlackEventMiddlewareArgs<"app_mention"> & AllMiddlewareArgs): Promise<void> => {
    if (!event.user || event.bot_id || event.user === rt.botUserId || event.subtype) return;
    const started = Date.now();
    const team = body.team_id ?? event.team ?? "";
    const rate = checkRate(rt.deps, team, event.user, event.channel);
    if (!rate.ok) {
      if (rate.notify) await client.chat.postEphemeral({ channel: event.channel, user: event.user, ...renderNotice(RATE_LIMITED_TEXT) });
      logRequest(rt.deps.logger, { platform: "slack", via: "mention", outcome: "limited", ms: Date.now() - started, workspace: team, channel: event.channel });
      return;
    }
    const text = slackToPlain(event.text) || "help";
    const parsed = parseText(text);
    const { actor, timeZone } = await actorFor(client, event.user, parsed.command.spec.name, rt);
    const reply = answerCommand(rt.deps, slackRequest(team, event.channel, actor, timeZone), parsed.command.spec.name, parsed.args);
    const message = renderAnswer(reply.answer, { answerId: reply.answerId });
    await client.chat.postMessage({ channel: event.channel, thread_ts: event.thread_ts ?? event.ts, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
    logRequest(rt.deps.logger, { platform: "slack", via: "mention", command: reply.command, outcome: reply.answer.kind, ms: Date.now() - started, workspace: team, channel: event.channel });
  };
}
