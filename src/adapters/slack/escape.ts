// Every string that comes from a user or from the data goes through here before it reaches Slack.
// Slack parses `<…>` as links and mentions (`<!channel>`, `<!here>`, `<@U123>`), so `&`, `<`, `>` are escaped;
// the bare words @channel / @here / @everyone are broken with a zero-width joiner so no client or
// `link_names` setting can turn them into a ping.
const ZWJ = "\u2060";

export function escapeText(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@(channel|here|everyone)\b/gi, `@${ZWJ}$1`);
}

/** Cuts to at most `max` characters (counted after escaping), never in the middle of an entity, ending with "…". */
export function truncate(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  let cut = escaped.slice(0, Math.max(0, max - 1));
  const amp = cut.lastIndexOf("&");
  if (amp !== -1 && !cut.slice(amp).includes(";")) cut = cut.slice(0, amp);
  return cut + "…";
}

/** Escapes then truncates: the usual path for one field. */
export const safe = (s: string, max: number) => truncate(escapeText(s), max);

/**
 * Turns Slack's wire format of a user's message back into what they typed, for the core: mentions of users are
 * dropped, special mentions become words (later escaped again), links become their label or URL, entities decode.
 */
export function slackToPlain(text: string): string {
  // every rule below starts at a "<" or an "&": without them only the spacing changes (most questions)
  if (!/[<&]/.test(text)) return text.replace(/\s+/g, " ").trim();
  return text
    .replace(/<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g, " ")
    .replace(/<!(channel|here|everyone)(?:\|[^>]*)?>/g, "@$1")
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_m, label: string | undefined) => label ?? " ")
    .replace(/<#[CG][A-Z0-9]+(?:\|([^>]*))?>/g, (_m, label: string | undefined) => (label ? `#${label}` : " "))
    .replace(/<([^>|]+)\|([^>]*)>/g, "$2")
    .replace(/<([^>]+)>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** A Slack user id we put into a message ourselves (attribution): only well-formed ids, so nothing else can ride along. */
export const userMention = (id: string) => (/^[UW][A-Z0-9]{2,30}$/.test(id) ? `<@${id}>` : "someone");
