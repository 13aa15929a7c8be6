// A timeline answer's picture on Discord: the reply is sent first (a slash command's within its 3 s), then edited to
// carry the PNG as an attachment that its embed shows (`image: attachment://timeline.png`), with the alt text as the
// attachment's description. An edit, not a second message: the picture sits in its answer, and a retried edit (the
// REST client retries 5xx and network errors) can never post the picture twice.
import { AttachmentBuilder } from "discord.js";
import type { AnswerPicture } from "../../app/pictures.js";
import type { DiscordMessage } from "./render.js";

/** The embed's image: the attachment of that name on the same message. */
export const attachmentUrl = (filename: string) => `attachment://${filename}`;

/** The embeds with the first one showing the picture. */
export function embedsWithPicture(embeds: DiscordMessage["embeds"], filename: string): DiscordMessage["embeds"] {
  const [first, ...rest] = embeds;
  return first ? [{ ...first, image: { url: attachmentUrl(filename) } }, ...rest] : [];
}

/** The edit that attaches the picture to a reply rendered as `msg` (its content and buttons stay as they are). */
export function pictureEdit(msg: DiscordMessage, picture: AnswerPicture) {
  return {
    embeds: embedsWithPicture(msg.embeds, picture.filename),
    files: [new AttachmentBuilder(Buffer.from(picture.png), { name: picture.filename, description: picture.alt })],
    allowedMentions: { parse: [] },
  };
}
