// Buttons on an answer → the pipeline. Share: the same answer posted visibly in the channel, attributed to the
// user who shared it. Feedback: a vote recorded against the answer's record ids. Both ack first, then reply
// through the interaction's response_url.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { ReplyPort } from "../../../app/request.js";
import { VOTES } from "../../../app/votes.js";
import type { Vote } from "../../../storage/types.js";
import { slackRequest, type SlackRuntime } from "../context.js";
import { ACTION_VOTE_PREFIX, renderAnswer, renderNotice } from "../render.js";

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

const where = (body: BlockAction) => ({ team: body.team?.id ?? body.user.team_id ?? "", channel: body.channel?.id ?? "", user: body.user.id });

function respondPort(respond: ButtonArgs["respond"], userId: string): ReplyPort {
  return {
    buttons: true,
    mustRespond: false,
    answer: async (answer) => {
      const message = renderAnswer(answer, { sharedBy: userId });
      await respond({ response_type: "in_channel", replace_original: false, text: message.text, blocks: message.blocks });
    },
    notice: async (text) => {
      await respond({ response_type: "ephemeral", replace_original: false, ...renderNotice(text) });
    },
    silent: async () => undefined,
  };
}

export function shareListener(rt: SlackRuntime) {
  return async ({ ack, action, body, respond, client }: ButtonArgs): Promise<void> => {
    await ack();
    const req = slackRequest(rt, client, where(body), "share", { kind: "share", answerId: action.value ?? "" });
    await rt.pipeline.handle(req, respondPort(respond, body.user.id));
  };
}

export function voteListener(rt: SlackRuntime) {
  return async ({ ack, action, body, respond, client }: ButtonArgs): Promise<void> => {
    await ack();
    const vote = action.action_id.slice(ACTION_VOTE_PREFIX.length) as Vote;
    if (!VOTES.includes(vote)) return;
    const req = slackRequest(rt, client, where(body), "feedback", { kind: "vote", answerId: action.value ?? "", vote });
    await rt.pipeline.handle(req, respondPort(respond, body.user.id));
  };
}
