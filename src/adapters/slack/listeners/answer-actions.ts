// Show more and Suggest for the knowledge base. Show more replaces the message it was pressed on with the next page
// (through the interaction's response_url, which can replace an ephemeral reply as well as a posted one); Suggest
// records the refused question as a miss and thanks the user privately. Both ack first.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { ANSWER_TOO_OLD, answerPage, SUGGEST_THANKS, SUGGEST_UNSAVED, suggestForKnowledgeBase } from "../../../app/answer-actions.js";
import { logRequest } from "../../../log.js";
import { parseMoreValue } from "../buttons.js";
import type { SlackRuntime } from "../context.js";
import { renderAnswer, renderNotice } from "../render.js";

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

const where = (body: BlockAction) => ({ workspace: body.team?.id ?? body.user.team_id ?? "", channel: body.channel?.id ?? "" });

export function showMoreListener(rt: SlackRuntime) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    const started = Date.now();
    await ack();
    const more = parseMoreValue(action.value ?? "");
    const answer = more ? await answerPage(rt.deps, "slack", more.answerId, more.page) : undefined;
    if (!more || !answer) {
      await respond({ response_type: "ephemeral", replace_original: false, ...renderNotice(ANSWER_TOO_OLD) });
      logRequest(rt.deps.logger, { platform: "slack", via: "more", outcome: "unknown-answer", ms: Date.now() - started, ...where(body) });
      return;
    }
    // The page keeps the message's buttons: Share only where the message was a private (ephemeral) reply.
    const message = renderAnswer(answer, { answerId: more.answerId, share: body.container?.is_ephemeral === true });
    await respond({ replace_original: true, text: message.text, blocks: message.blocks });
    logRequest(rt.deps.logger, { platform: "slack", via: "more", command: `page ${more.page}`, outcome: answer.kind, ms: Date.now() - started, ...where(body) });
  };
}

export function suggestListener(rt: SlackRuntime) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    const started = Date.now();
    await ack();
    const result = await suggestForKnowledgeBase(rt.deps, "slack", action.value ?? "");
    const notice = result.outcome === "recorded" ? SUGGEST_THANKS(result.question) : result.outcome === "unsaved" ? SUGGEST_UNSAVED : ANSWER_TOO_OLD;
    await respond({ response_type: "ephemeral", replace_original: false, ...renderNotice(notice) });
    logRequest(rt.deps.logger, { platform: "slack", via: "suggest", outcome: result.outcome, ms: Date.now() - started, ...where(body) });
  };
}
