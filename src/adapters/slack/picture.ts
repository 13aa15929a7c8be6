// A timeline answer's picture in Slack, sent after its text reply (src/app/pictures.ts decides when). files.uploadV2
// does Slack's three steps: files.getUploadURLExternal, the upload itself, files.completeUploadExternal, which shares
// the file into the conversation (and thread) with its alt text. Slack has no ephemeral files: a picture asked for
// from a private reply ("Show as picture") goes to the asker's direct message with the app (conversations.open).
import type { webApi } from "@slack/bolt";
import type { AnswerPicture } from "../../app/pictures.js";
import { postClient } from "./poster.js";

export interface PictureTarget {
  channel: string;
  /** the reply's thread, so the picture sits beside its text answer */
  thread?: string;
}

/**
 * Uploads with the listener's token and API URL, but on a client of its own: bounded by `timeoutMs` per call and never
 * retried (a retried files.completeUploadExternal can share the picture twice, and a picture is worth one try).
 */
export async function uploadPicture(client: webApi.WebClient, timeoutMs: number, target: PictureTarget, picture: AnswerPicture): Promise<void> {
  const uploader = postClient(client.token ?? "", client.slackApiUrl, undefined, timeoutMs);
  const file = { file: Buffer.from(picture.png), filename: picture.filename, title: picture.title, alt_text: picture.alt };
  if (target.thread) await uploader.filesUploadV2({ ...file, channel_id: target.channel, thread_ts: target.thread });
  else await uploader.filesUploadV2({ ...file, channel_id: target.channel });
}

/** Show as picture: the picture in the asker's direct message with the app (needs im:write and files:write). */
export async function sendPicturePrivately(client: webApi.WebClient, timeoutMs: number, user: string, picture: AnswerPicture): Promise<void> {
  const dm = await client.conversations.open({ users: user });
  const channel = dm.channel?.id;
  if (!channel) throw Object.assign(new Error("conversations.open returned no channel"), { code: "slack_no_dm_channel" });
  await uploadPicture(client, timeoutMs, { channel }, picture);
}

/** What the press gets once the picture is on its way to the direct message. */
export const PICTURE_SENT_PRIVATELY_TEXT = "I sent you the picture in our direct messages.";
