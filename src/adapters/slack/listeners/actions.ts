// Buttons on an answer → the pipeline. Share: the same answer posted visibly in the channel, attributed to the
// user who shared it (a timeline's picture follows it there). Feedback: a vote recorded against the answer's record ids. Show more: the next page, in place
// of the message the button is on. Suggest for the knowledge base: the refused question noted for the editors. Show
// as picture: the timeline's picture in the asker's direct message with the app. All ack first, then reply through
// the interaction's response_url.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { InboundRequest, ReplyPort } from "../../../app/request.js";
import { VOTES } from "../../../app/votes.js";
import type { Vote } from "../../../storage/types.js";
import { ACTION_MORE, ACTION_PICTURE, ACTION_SUGGEST, parseMoreValue } from "../buttons.js";
import { PICTURE_SENT_PRIVATELY_TEXT, sendPicturePrivately, uploadPicture } from "../picture.js";
import { slackRequest, type SlackRuntime } from "../context.js";
import { EVENT_DEDUPE_TTL_MS } from "../limits.js";
import { ACTION_SHARE, ACTION_VOTE_PREFIX, renderAnswer, renderNotice } from "../render.js";

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

const where = (body: BlockAction) => ({ team: body.team?.id ?? body.user.team_id ?? "", channel: body.channel?.id ?? "", user: body.user.id });

/** Every press has its own trigger_id: claimed once, so a replayed or redelivered press pages or notes nothing twice. */
export const actionDedupeKey = (triggerId: string) => `slack:action:${triggerId}`;
const delivery = (body: BlockAction): Partial<InboundRequest> =>
  body.trigger_id ? { delivery: { key: actionDedupeKey(body.trigger_id), ttlMs: EVENT_DEDUPE_TTL_MS } } : {};

/**
 * Replies through the press's response_url. A picture follows a shared answer into the channel; for a Show as picture
 * press (no answer sent) it goes to the asker's direct message.
 */
function respondPort(rt: SlackRuntime, client: ButtonArgs["client"], respond: ButtonArgs["respond"], body: BlockAction): ReplyPort {
  const ephemeral = body.container?.is_ephemeral === true;
  const timeoutMs = rt.deps.config.PLATFORM_TIMEOUT_MS;
  let shared = false;
  return {
    buttons: true,
    mustRespond: false,
    answer: async (answer) => {
      const message = renderAnswer(answer, { sharedBy: body.user.id });
      await respond({ response_type: "in_channel", replace_original: false, text: message.text, blocks: message.blocks });
      shared = true;
    },
    // response_url replaces a private (ephemeral) reply as well as a posted message; the page keeps Share only
    // where the message was a private reply.
    replace: async (answer, opts) => {
      const message = renderAnswer(answer, { answerId: opts.answerId, share: ephemeral, picture: ephemeral && opts.picture });
      await respond({ replace_original: true, text: message.text, blocks: message.blocks });
    },
    picture: async (picture) => {
      const thread = (body.container as { thread_ts?: string } | undefined)?.thread_ts;
      if (shared && body.channel?.id) return uploadPicture(client, timeoutMs, { channel: body.channel.id, ...(thread ? { thread } : {}) }, picture);
      await sendPicturePrivately(client, timeoutMs, body.user.id, picture);
      await respond({ response_type: "ephemeral", replace_original: false, ...renderNotice(PICTURE_SENT_PRIVATELY_TEXT) });
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
    await rt.pipeline.handle(req, respondPort(rt, client, respond, body));
  };
}

export function voteListener(rt: SlackRuntime) {
  return async ({ ack, action, body, respond, client }: ButtonArgs): Promise<void> => {
    await ack();
    const vote = action.action_id.slice(ACTION_VOTE_PREFIX.length) as Vote;
    if (!VOTES.includes(vote)) return;
    const req = slackRequest(rt, client, where(body), "feedback", { kind: "vote", answerId: action.value ?? "", vote });
    await rt.pipeline.handle(req, respondPort(rt, client, respond, body));
  };
}

export function showMoreListener(rt: SlackRuntime) {
  return async ({ ack, action, body, respond, client }: ButtonArgs): Promise<void> => {
    await ack();
    // an unreadable value asks for no page of no answer: the pipeline answers it as too old
    const { answerId, page } = parseMoreValue(action.value ?? "") ?? { answerId: "", page: 0 };
    const req = slackRequest(rt, client, where(body), "more", { kind: "more", answerId, page }, delivery(body));
    await rt.pipeline.handle(req, respondPort(rt, client, respond, body));
  };
}

export function suggestListener(rt: SlackRuntime) {
  return async ({ ack, action, body, respond, client }: ButtonArgs): Promise<void> => {
    await ack();
    const req = slackRequest(rt, client, where(body), "suggest", { kind: "suggest", answerId: action.value ?? "" }, delivery(body));
    await rt.pipeline.handle(req, respondPort(rt, client, respond, body));
  };
}

export function showPictureListener(rt: SlackRuntime) {
  return async ({ ack, action, body, respond, client }: ButtonArgs): Promise<void> => {
    await ack();
    const req = slackRequest(rt, client, where(body), "picture", { kind: "picture", answerId: action.value ?? "" }, delivery(body));
    await rt.pipeline.handle(req, respondPort(rt, client, respond, body));
  };
}

/**
 * Every answer button, through one Bolt listener that picks the handler by action id. Bolt runs each registered
 * listener's middleware for every request (a slash command too), so five action listeners cost five chains a request.
 */
export function answerButtonsListener(rt: SlackRuntime) {
  const byId = new Map([
    [ACTION_SHARE, shareListener(rt)],
    [ACTION_MORE, showMoreListener(rt)],
    [ACTION_SUGGEST, suggestListener(rt)],
    [ACTION_PICTURE, showPictureListener(rt)],
  ]);
  const vote = voteListener(rt); // the rest of ANSWER_BUTTON_IDS: aistack_vote_*
  return (args: ButtonArgs): Promise<void> => (byId.get(args.action.action_id) ?? vote)(args);
}

/** The action ids answerButtonsListener serves. */
export const ANSWER_BUTTON_IDS = new RegExp(`^(?:${[ACTION_SHARE, ACTION_MORE, ACTION_SUGGEST, ACTION_PICTURE].join("|")}|${ACTION_VOTE_PREFIX}.*)$`);
