// Buttons on an answer. Share: the same answer posted visibly in the channel, attributed to the user who
// shared it. Feedback: a vote recorded against the answer's record ids. Both ack first, then reply through
// the interaction's response_url.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { recordVote, sharedAnswer, VOTE_UNSAVED_TEXT, VOTES } from "../../../app/answering.js";
import type { Vote } from "../../../storage/types.js";
import { slackRequest, type SlackRuntime } from "../context.js";
import { ACTION_VOTE_PREFIX, renderAnswer, renderNotice } from "../render.js";
import { logRequest } from "../../../log.js";

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

const where = (body: BlockAction) => ({ team: body.team?.id ?? body.user.team_id ?? "", channel: body.channel?.id ?? "" });
const member = (userId: string) => ({ id: userId, canManageChannel: false, isWorkspaceAdmin: false });

export function shareListener(rt: SlackRuntime) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    const started = Date.now();
    await ack();
    const { team, channel } = where(body);
    const reply = sharedAnswer(rt.deps, slackRequest(team, channel, member(body.user.id)), action.value ?? "");
    if (!reply) {
      await respond({ response_type: "ephemeral", replace_original: false, ...renderNotice("This answer is too old to share. Ask again and share the new one.") });
      logRequest(rt.deps.logger, { platform: "slack", via: "share", outcome: "unknown-answer", ms: Date.now() - started, workspace: team, channel });
      return;
    }
    const message = renderAnswer(reply.answer, { sharedBy: body.user.id });
    await respond({ response_type: "in_channel", replace_original: false, text: message.text, blocks: message.blocks });
    logRequest(rt.deps.logger, { platform: "slack", via: "share", command: reply.command, outcome: reply.answer.kind, ms: Date.now() - started, workspace: team, channel });
  };
}

export function voteListener(rt: SlackRuntime) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    const started = Date.now();
    await ack();
    const vote = action.action_id.slice(ACTION_VOTE_PREFIX.length) as Vote;
    if (!VOTES.includes(vote)) return;
    const { team, channel } = where(body);
    const result = recordVote(rt.deps, slackRequest(team, channel, member(body.user.id)), action.value ?? "", vote);
    const ok = result === "recorded";
    const notice = result === "unsaved"
      ? VOTE_UNSAVED_TEXT
      : !ok
      ? "That answer is too old to rate. Thanks anyway!"
      : vote === "wrong"
        ? "Thanks: the records behind this answer are flagged for review."
        : "Thanks for the feedback.";
    await respond({ response_type: "ephemeral", replace_original: false, ...renderNotice(notice) });
    logRequest(rt.deps.logger, { platform: "slack", via: "feedback", command: vote, outcome: result, ms: Date.now() - started, workspace: team, channel });
  };
}
