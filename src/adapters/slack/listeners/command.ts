// `/aistack …`: the text goes to the pipeline; the reply is the ack itself (an ephemeral Block Kit message, well
// within Slack's 3 seconds), and a request with nothing to say gets an empty ack. A private reply cannot carry a
// file: a timeline's offers "Show as picture" instead (listeners/actions.ts).
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { ReplyPort } from "../../../app/request.js";
import { slackRequest, type SlackRuntime } from "../context.js";
import { slackToPlain } from "../escape.js";
import { renderNotice } from "../render.js";
import { renderAnswerOnce } from "../render-cache.js";

export function slashCommandListener(rt: SlackRuntime) {
  return async ({ command, ack, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const port: ReplyPort = {
      buttons: true,
      mustRespond: false,
      answer: async (answer, opts) => {
        const message = renderAnswerOnce(answer, { answerId: opts.answerId, share: true, picture: opts.picture });
        await ack({ response_type: "ephemeral", text: message.text, blocks: message.blocks });
      },
      notice: (text) => ack({ response_type: "ephemeral", ...renderNotice(text) }),
      silent: () => ack(),
    };
    const text = slackToPlain(command.text ?? "") || "help";
    await rt.pipeline.handle(slackRequest(rt, client, { team: command.team_id, channel: command.channel_id, user: command.user_id }, "slash", { kind: "text", text }), port);
  };
}
