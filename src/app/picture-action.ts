// Show as picture: where a reply could not carry a file (Slack's ephemeral slash-command reply), its button asks for
// the timeline's picture, which the port sends to the asker privately (Slack: a direct message from the app). The
// pipeline routes the press here after its delivery dedupe and rate limit; the press is acknowledged already, so the
// render may take its time.
import type { ActionResult, ActionScope } from "./answer-actions.js";
import { DATABASE_UNREACHABLE_TEXT } from "./answer-actions.js";
import { errorFields } from "./pictures.js";
import type { ReplyPort } from "./request.js";
import { TOO_OLD_TEXT } from "./votes.js";

export const PICTURES_OFF_TEXT = "Pictures are turned off here; the text answer has every event.";
export const NO_PICTURE_TEXT = "This answer has no picture: pictures are drawn for timelines (`timeline anthropic`).";
export const PICTURE_FAILED_TEXT = "Sorry, I could not send the picture just now. The text answer has every event; please try again in a moment.";

export async function showPicture(scope: ActionScope, port: ReplyPort, answerId: string): Promise<ActionResult> {
  const { deps, pictures } = scope;
  if (!pictures || !port.picture) {
    await port.notice(PICTURES_OFF_TEXT);
    return { outcome: "unavailable", command: "picture" };
  }
  const ref = answerId ? await deps.storage.getAnswerRef(answerId).catch((err: unknown) => scope.unavailable(err, "show as picture", null)) : undefined;
  if (ref === null) {
    await port.notice(DATABASE_UNREACHABLE_TEXT);
    return { outcome: "unavailable", command: "picture" };
  }
  if (!ref) {
    await port.notice(TOO_OLD_TEXT);
    return { outcome: "unknown-answer", command: "picture" };
  }
  const answer = pictures.answerFor(ref.command, ref.args, scope.queryContext);
  if (!answer) {
    await port.notice(NO_PICTURE_TEXT);
    return { outcome: "no-picture", command: "picture" };
  }
  try {
    await port.picture(await pictures.render(answer));
    return { outcome: "picture", command: "picture" };
  } catch (err) {
    deps.logger.warn({ ...errorFields(err), via: "picture" }, "picture not sent");
    await port.notice(PICTURE_FAILED_TEXT);
    return { outcome: "picture-failed", command: "picture" };
  }
}
