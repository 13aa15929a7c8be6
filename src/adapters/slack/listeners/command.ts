// `/aistack …`: parsed with the shared text parser, answered through the shared request path, and returned
// inside the ack as an ephemeral Block Kit message (the core is fast, so this stays well within 3 seconds).
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { answerCommand } from "../../../app/answering.js";
import { parseText } from "../../../app/commands/list.js";
import { actorFor, slackRequest, type SlackRuntime } from "../context.js";
import { slackToPlain } from "../escape.js";
import { checkRate, RATE_LIMITED_TEXT } from "../ratelimit.js";
import { renderAnswer, renderNotice } from "../render.js";
import { logRequest } from "../../../log.js";

export function slashCommandListener(rt: SlackRuntime) {
  return async ({ command, ack, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const started = Date.now();
    const rate = checkRate(rt.deps, command.team_id, command.user_id, command.channel_id);
    if (!rate.ok) {
      // The command must be acked either way; the notice goes once a minute, later ones get an empty ack.
      await (rate.notify ? ack({ response_type: "ephemeral", ...renderNotice(RATE_LIMITED_TEXT) }) : ack());
      logRequest(rt.deps.logger, { platform: "slack", via: "slash", outcome: "limited", ms: Date.now() - started, workspace: command.team_id, channel: command.channel_id });
      return;
    }
    const text = slackToPlain(command.text ?? "") || "help";
    const parsed = parseText(text);
    const { actor, timeZone } = await actorFor(client, command.user_id, parsed.command.spec.name, rt);
    const reply = answerCommand(rt.deps, slackRequest(command.team_id, command.channel_id, actor, timeZone), parsed.command.spec.name, parsed.args);
    const message = renderAnswer(reply.answer, { answerId: reply.answerId, share: true });
    await ack({ response_type: "ephemeral", text: message.text, blocks: message.blocks });
    logRequest(rt.deps.logger, { platform: "slack", via: "slash", command: reply.command, outcome: reply.answer.kind, ms: Date.now() - started, workspace: command.team_id, channel: command.channel_id });
  };
}
