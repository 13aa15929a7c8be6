// Answer → Discord message (embeds + buttons), as plain API JSON. Pure: no client, no clock, no storage.
// Every limit in limits.ts is enforced here by truncating with "…and N more", never by throwing, and nothing
// rendered can ping anyone (mentions are neutralised in the text and allowed_mentions allows nothing).
import { ButtonStyle, ComponentType, escapeMarkdown, MessageFlags, type APIActionRowComponent, type APIButtonComponent, type APIEmbed, type APIEmbedField } from "discord.js";
import { answerSources, type Answer, type AnswerItem, type AnswerKind, type AnswerSection, type AnswerTable } from "../../core/answer.js";
import { VOTE_LABELS, VOTES } from "../../app/votes.js";
import { stripBidiControls } from "../../app/user-text.js";
import type { Vote } from "../../storage/types.js";
import { andMore, clip, DISCORD_LIMITS as L, joinWithin } from "./limits.js";

export const NO_MENTIONS = Object.freeze({ parse: [] as never[], replied_user: false });

export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowed_mentions: { parse: never[]; replied_user: boolean };
  flags?: number;
}

export interface RenderOptions {
  /** the short id the buttons carry; without it there are no buttons */
  answerId?: string;
  /** an ephemeral reply: flag 64 and a Share button */
  ephemeral?: boolean;
  /** display name shown as "Shared by …" on a shared answer */
  sharedBy?: string;
  /** feedback buttons (default: whenever there is an answerId) */
  feedback?: boolean;
}

const COLORS: Record<AnswerKind, number> = {
  fact: 0x2f80ed, timeline: 0x9b51e0, comparison: 0x27ae60, list: 0x56ccf2, entity: 0x2d9cdb, sources: 0x828282,
  digest: 0xf2994a, "no-answer": 0xbdbdbd, ambiguous: 0xf2c94c, help: 0x6fcf97, error: 0xeb5757,
};

// ---- custom ids: short, parseable, ≤100 chars -------------------------------------------------------------
const PREFIX = "aistack";
export const shareId = (answerId: string) => `${PREFIX}:share:${answerId}`;
export const voteId = (vote: Vote, answerId: string) => `${PREFIX}:vote:${vote}:${answerId}`;
export const moreId = (answerId: string, page: number) => `${PREFIX}:more:${answerId}:${page}`;
export const suggestId = (answerId: string) => `${PREFIX}:suggest:${answerId}`;
export type ButtonAction =
  | { action: "share"; answerId: string }
  | { action: "vote"; vote: Vote; answerId: string }
  | { action: "more"; answerId: string; page: number }
  | { action: "suggest"; answerId: string };

export function parseCustomId(id: string): ButtonAction | undefined {
  const parts = id.split(":");
  if (parts[0] !== PREFIX) return undefined;
  if (parts[1] === "share" && parts.length === 3 && parts[2]) return { action: "share", answerId: parts[2] };
  if (parts[1] === "vote" && parts.length === 4 && parts[3] && (VOTES as readonly string[]).includes(parts[2]!)) return { action: "vote", vote: parts[2] as Vote, answerId: parts[3] };
  if (parts[1] === "more" && parts.length === 4 && parts[2] && /^\d{1,4}$/.test(parts[3]!)) return { action: "more", answerId: parts[2], page: Number(parts[3]) };
  if (parts[1] === "suggest" && parts.length === 3 && parts[2]) return { action: "suggest", answerId: parts[2] };
  return undefined;
}

// ---- text safety -------------------------------------------------------------------------------------------
/**
 * Neutralises mention syntax in data- or user-derived text: "@everyone", "@here", "<@123>", "<@!123>", "<@&456>".
 * allowed_mentions already prevents pings; this keeps the text from even looking like a mention.
 */
export const neutralize = (text: string) =>
  text.replace(/@(everyone|here)/gi, "@\u200b$1").replace(/<@([!&]?)(\d+)>/g, "<@\u200b$1$2>");

/**
 * A name the user chose, as plain text in a public post: no bidi controls, markdown escaped (masked links, headings
 * and lists too, which escapeMarkdown leaves alone by default), bare URLs broken so they do not turn into links, and
 * no pings.
 */
export function echoedName(name: string): string {
  const plain = stripBidiControls(name).trim() || "someone";
  const escaped = escapeMarkdown(plain, { maskedLink: true, heading: true, bulletedList: true, numberedList: true });
  return neutralize(escaped.replace(/:\/\//g, ":\u200b//"));
}

const noTicks = (s: string) => s.replace(/`/g, "'");

// ---- answer → lines ----------------------------------------------------------------------------------------
const STATUS_NOTE: Partial<Record<NonNullable<AnswerItem["status"]>, string>> = { disputed: " _(disputed)_", corrected: " _(corrected)_" };

export function itemLines(item: AnswerItem): string[] {
  const date = item.date ? `**${item.date.label}** — ` : "";
  const showTitle = item.title && item.title !== item.text && (item.recordKind !== "fact" || !item.date);
  const head = showTitle ? `**${item.title}**${item.text ? ": " : ""}` : "";
  const lines = [`• ${date}${head}${item.text}${(item.status && STATUS_NOTE[item.status]) || ""}`];
  for (const note of item.conflictNotes) lines.push(`  ⚠️ ${note}`);
  return lines.map(neutralize);
}

/** One entry per item (an item and its conflict notes stay together when truncating). */
const sectionEntries = (s: AnswerSection) => s.items.map((i) => itemLines(i).join("\n"));

// ---- fitting blocks into the limits ------------------------------------------------------------------------
interface Block { name?: string; entries: string[]; max: number; inline?: boolean }

/**
 * A side-by-side table as inline fields: per attribute one field per side, named "Launch · AWS Trainium" so it
 * reads alone where Discord stacks inline fields (phones), and an empty third field closing the row on desktop.
 */
function tableFields(t: AnswerTable): Block[] {
  return t.rows.flatMap((r) => [
    ...r.cells.map((c, i) => ({ name: clip(neutralize(`${r.label} · ${t.columns[i] ?? ""}`), L.fieldName), entries: [neutralize(c.missing ? `_${c.text}_` : c.text)], max: L.fieldValue, inline: true })),
    ...(r.cells.length < 3 ? [{ name: "\u200b", entries: ["\u200b"], max: L.fieldValue, inline: true }] : []),
  ]);
}

/** "43 in all; page 1 has the newest. More: `/aistack timeline anthropic page 2`" (the button does the same). */
const pagingText = (p: NonNullable<Answer["paging"]>) => `${p.total} in all; page 1 has the newest.${p.nextText ? ` More: \`/aistack ${noTicks(p.nextText)}\`` : ""}`;
const renderBlock = (b: Block) => joinWithin(b.entries, b.max);

function fieldsFor(answer: Answer): { description: Block; fields: Block[] } {
  const intro = [answer.asOfNote ? `_${answer.asOfNote}_` : "", answer.summary ?? ""].filter(Boolean).map(neutralize);
  const named = answer.sections.filter((s) => s.heading && s.items.length);
  const unnamed = answer.sections.filter((s) => !s.heading && s.items.length);
  const description: Block = { entries: [...intro, ...unnamed.flatMap(sectionEntries)], max: L.embedDescription };
  // older comparisons put each side in its own section, side by side; a table already is side by side
  const inline = answer.kind === "comparison" && named.length <= 3 && !answer.sections.some((s) => s.table);
  const fields: Block[] = [
    ...answer.sections.flatMap((s) => (s.table ? tableFields(s.table) : [])),
    ...named.map((s) => ({ name: clip(neutralize(s.heading!), L.fieldName), entries: sectionEntries(s), max: L.fieldValue, inline })),
  ];

  const tail: Block[] = [];
  if (answer.paging) tail.push({ name: `Page ${answer.paging.page} of ${answer.paging.pageCount}`, entries: [neutralize(pagingText(answer.paging))], max: L.fieldValue });
  // each source once, linked where the data has its address, the sections used after it
  const sources = answerSources(answer).map((s) => {
    const name = s.url ? `[${s.name.replace(/[[\]]/g, "")}](${s.url})` : s.name;
    return neutralize(`• ${name}${s.sections.length ? ` — ${s.sections.length === 1 ? "section" : "sections"}: ${s.sections.join("; ")}` : ""}`);
  });
  if (sources.length) tail.push({ name: "Sources", entries: sources, max: L.fieldValue });
  if (answer.suggestions.length) {
    tail.push({ name: answer.kind === "ambiguous" ? "Did you mean" : "Try", entries: answer.suggestions.map((s) => neutralize(`• \`${noTicks(s)}\``)), max: L.fieldValue });
  }
  const room = L.embedFields - tail.length;
  if (fields.length > room) {
    const kept = fields.slice(0, room - 1);
    const dropped = fields.slice(room - 1);
    const items = dropped.reduce((n, f) => n + f.entries.length, 0);
    kept.push({ name: andMore(dropped.length) + " sections", entries: [`${items} more item${items === 1 ? "" : "s"} not shown`], max: L.fieldValue });
    return { description, fields: [...kept, ...tail] };
  }
  return { description, fields: [...fields, ...tail] };
}

function footerFor(answer: Answer): string {
  const parts = ["aistack"];
  if (answer.asOf) parts.push(`knowledge as of ${answer.asOf}`);
  if (answer.kind === "sources" || answer.kind === "help") parts.push("answers come only from the cited knowledge base");
  return clip(parts.join(" · "), L.footerText);
}

/** The one embed an answer becomes, within every per-field limit and the 6,000-character total. */
export function renderEmbed(answer: Answer): APIEmbed {
  const title = clip(neutralize(answer.headline.trim() || "aistack"), L.embedTitle);
  const footer = footerFor(answer);
  const { description, fields } = fieldsFor(answer);
  const blocks = () => [description, ...fields];
  // a field's empty name or value is sent as one zero-width space, which Discord counts
  const fieldChars = (b: Block) => Math.max(1, b.name?.length ?? 0) + Math.max(1, renderBlock(b).length);
  const measure = () => title.length + footer.length + renderBlock(description).length + fields.reduce((n, b) => n + fieldChars(b), 0);
  const MIN = 40;
  for (let total = measure(); total > L.embedTotal; total = measure()) {
    const sized = blocks().map((b) => ({ b, len: renderBlock(b).length })).sort((x, y) => y.len - x.len);
    const largest = sized[0];
    if (largest && largest.len > MIN) {
      largest.b.max = Math.max(MIN, largest.len - (total - L.embedTotal));
      continue;
    }
    if (!fields.length) break; // title + footer + a short description cannot exceed the total
    fields.pop();
  }
  const embed: APIEmbed = { title, color: COLORS[answer.kind] ?? COLORS.list, footer: { text: footer } };
  const text = renderBlock(description);
  if (text) embed.description = text;
  const rendered: APIEmbedField[] = fields
    .map((f) => ({ name: f.name || "\u200b", value: renderBlock(f) || "\u200b", ...(f.inline ? { inline: true } : {}) }));
  if (rendered.length) embed.fields = rendered;
  return embed;
}

export const MORE_LABEL = "Show more";
export const SUGGEST_LABEL = "Suggest for the knowledge base";

/**
 * The buttons of an answer the storage remembers: Share, Show more (the next page, in place) and feedback; a
 * refusal gets only Suggest for the knowledge base (nothing to share or rate).
 */
export function answerButtons(answerId: string, share: boolean, feedback: boolean, answer?: Pick<Answer, "kind" | "paging">): APIActionRowComponent<APIButtonComponent>[] {
  const button = (style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Danger, label: string, id: string): APIButtonComponent =>
    ({ type: ComponentType.Button, style, label: clip(label, L.buttonLabel), custom_id: clip(id, L.customId) });
  if (answer?.kind === "no-answer") return [{ type: ComponentType.ActionRow, components: [button(ButtonStyle.Primary, SUGGEST_LABEL, suggestId(answerId))] }];
  const buttons: APIButtonComponent[] = [];
  if (share) buttons.push(button(ButtonStyle.Primary, "Share in channel", shareId(answerId)));
  if (answer?.paging?.next) buttons.push(button(ButtonStyle.Secondary, MORE_LABEL, moreId(answerId, answer.paging.next)));
  if (feedback) for (const vote of VOTES) buttons.push(button(vote === "wrong" ? ButtonStyle.Danger : ButtonStyle.Secondary, VOTE_LABELS[vote], voteId(vote, answerId)));
  return buttons.length ? [{ type: ComponentType.ActionRow, components: buttons.slice(0, L.buttonsPerRow) }] : [];
}

/** The whole message for an answer: what interaction replies, mention replies and channel posts send. */
export function renderAnswer(answer: Answer, opts: RenderOptions = {}): DiscordMessage {
  const msg: DiscordMessage = { embeds: [renderEmbed(answer)].slice(0, L.embedsPerMessage), components: [], allowed_mentions: { ...NO_MENTIONS, parse: [] } };
  if (opts.sharedBy !== undefined) msg.content = clip(`Shared by ${echoedName(opts.sharedBy)}`, L.content);
  if (opts.answerId) msg.components = answerButtons(opts.answerId, Boolean(opts.ephemeral), opts.feedback ?? true, answer);
  if (opts.ephemeral) msg.flags = MessageFlags.Ephemeral;
  return msg;
}

/** A short ephemeral notice ("Thanks, recorded."), also mention-safe. */
export function renderNotice(text: string): DiscordMessage {
  return { content: clip(neutralize(text), L.content), embeds: [], components: [], allowed_mentions: { ...NO_MENTIONS, parse: [] }, flags: MessageFlags.Ephemeral };
}

/** Total characters Discord counts against the 6,000 limit, for tests and guards. */
export function embedChars(embeds: readonly APIEmbed[]): number {
  return embeds.reduce(
    (n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0) +
      (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0),
    0,
  );
}
