// The adapter's one failure path. Listeners do not catch: if answering a slash command throws before its ack,
// this middleware acks with a short ephemeral apology (so the user never waits for Slack's timeout), then
// rethrows so app.error logs it once, by code.
import type { AllMiddlewareArgs, AnyMiddlewareArgs } from "@slack/bolt";
import { appMessage } from "../../app/commands/types.js";
import { renderAnswer } from "./render.js";

export const FAILURE_ANSWER = appMessage("error", "Sorry, something went wrong answering that.", "Please try again in a moment. If it keeps happening, tell whoever runs aistack.");

export async function replyOnFailure(args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
  try {
    await args.next();
  } catch (err) {
    const body = args.body as { command?: unknown };
    if (typeof body.command === "string" && "ack" in args && typeof args.ack === "function") {
      const m = renderAnswer(FAILURE_ANSWER);
      await (args.ack as (r: unknown) => Promise<void>)({ response_type: "ephemeral", text: m.text, blocks: m.blocks }).catch(() => undefined);
    }
    throw err;
  }
}
