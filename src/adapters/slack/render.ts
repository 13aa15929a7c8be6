// Answer (neutral) → Block Kit. Pure: the same Answer and options always give the same message (golden tests).
// Every user- or data-derived string is escaped; every limit in limits.ts is enforced by truncating with
// "…and N more", never by letting the post fail.
import type { types } from "@slack/bolt";
import { answerSources, type Answer, type AnswerItem, type CitedSource } from "../../core/answer.js";
import { VOTE_LABELS, VOTES } from "../../app/votes.js";
import { escapeText, safe, truncate, userMention } from "./escape.js";
import { ACTION_MORE, ACTION_PICTURE, ACTION_SUGGEST, moreValue } from "./buttons.js";
import { SLASH_COMMAND } from "./home.js";
import { MAX_ITEMS_PER_MESSAGE, MAX_ITEMS_QUICK, SLACK_LIMITS as L } from "./limits.js";
import { tableBlocks } from "./table-blocks.js";

export type SlackBlock = types.KnownBlock;

export interface SlackMessage {
  /** plain fallback: notifications, screen readers, clients without blocks */
  text: string;
  blocks: SlackBlock[];
}

export interface RenderOptions {
  /** the reply's answer id: feedback buttons (and Share) carry it; no buttons without it */
  answerId?: string;
  /** show "Share in channel" (ephemeral replies only) */
  share?: boolean;
  /** the user who shared it: an attribution line, and the buttons are left off */
  sharedBy?: string;
  /** a quick answer: fewer items and a note on how to turn quick answers off */
  quick?: boolean;
  /** cap on items (defaults: 20, quick 3) */
  maxItems?: number;
  /** offer "Show as picture": a timeline in a reply that cannot carry a file (ephemeral) */
  picture?: boolean;
}

export const ACTION_SHARE = "aistack_share";
export const ACTION_VOTE_PREFIX = "aistack_vote_";
export const MORE_LABEL = "Show more";
export const SUGGEST_LABEL = "Suggest for the knowledge base";
export const PICTURE_LABEL = "Show as picture";

const KIND_ICON: Partial<Record<Answer["kind"], string>> = { "no-answer": ":mag:", ambiguous: ":thinking_face:", error: ":warning:" };
const STATUS_TAG: Record<string, string> = { disputed: " _(disputed)_", corrected: " _(corrected)_" };

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: "mrkdwn", text });
const section = (text: string): SlackBlock => ({ type: "section", text: mrkdwn(truncate(text, L.sectionText)) });
const context = (...texts: string[]): SlackBlock => ({
  type: "context",
  elements: texts.slice(0, L.contextElements).map((t) => mrkdwn(truncate(t, L.contextText))),
});

/** Characters of text a block carries (what Slack's total-size limit counts, approximately). */
export function blockChars(b: SlackBlock): number {
  let n = 0;
  const walk = (v: unknown): void => {
    if (typeof v === "string") n += v.length;
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) if (k !== "type" && k !== "action_id" && k !== "block_id") walk(x);
  };
  walk(b);
  return n;
}

function itemText(item: AnswerItem): string {
  const date = item.date ? `*${escapeText(item.date.label)}* · ` : "";
  const status = item.status ? (STATUS_TAG[item.status] ?? "") : "";
  const title = item.title.trim();
  const text = item.text.trim();
  const showTitle = title && !text.toLowerCase().startsWith(title.toLowerCase());
  const head = showTitle ? `${date}*${escapeText(title)}*${status}\n` : "";
  const body = showTitle ? escapeText(text) : `${date}${escapeText(text)}${status}`;
  const notes = item.conflictNotes.map((n) => `\n:warning: _${escapeText(n)}_`).join("");
  return truncate(`${head}${body}${notes}`, L.sectionText);
}

const isSafeUrl = (u: string) => /^https?:\/\/[^\s<>|"]+$/.test(u);
const sourceLink = (s: CitedSource) => (s.url && isSafeUrl(s.url) ? `<${s.url.replace(/&/g, "&amp;")}|${escapeText(s.name)}>` : escapeText(s.name));
const citation = (s: CitedSource) => `${sourceLink(s)}${s.sections.length ? ` — ${s.sections.length === 1 ? "section" : "sections"}: ${escapeText(s.sections.join("; "))}` : ""}`;

/** The context line with sources, each once with its sections: as many as fit, then "…and N more". */
function sourcesLine(sources: CitedSource[]): string | undefined {
  if (!sources.length) return undefined;
  const parts: string[] = [];
  let used = "Sources: ".length;
  for (const s of sources) {
    const p = citation(s);
    if (used + p.length + 3 > L.contextText - 20) break;
    parts.push(p);
    used += p.length + 3;
  }
  const more = sources.length - parts.length;
  return `Sources: ${parts.join(" · ")}${more ? ` …and ${more} more` : ""}`;
}

const button = (action_id: string, text: string, value: string, style?: "primary"): types.Button =>
  ({ type: "button", action_id, text: { type: "plain_text", text: text.slice(0, L.buttonText) }, value: value.slice(0, L.buttonValue), ...(style ? { style } : {}) });

/**
 * The answer's buttons. A refusal gets only "Suggest for the knowledge base" (nothing to share or rate); a page of
 * a longer answer gets Show more, which replaces the message with the next page.
 */
function actions(answer: Answer, answerId: string, share: boolean, picture: boolean): SlackBlock {
  const value = answerId.slice(0, L.buttonValue);
  if (answer.kind === "no-answer") return { type: "actions", block_id: "aistack_buttons", elements: [button(ACTION_SUGGEST, SUGGEST_LABEL, value)] };
  const elements: types.Button[] = [];
  if (share) elements.push(button(ACTION_SHARE, "Share in channel", value, "primary"));
  if (answer.paging?.next) elements.push(button(ACTION_MORE, MORE_LABEL, moreValue(answerId, answer.paging.next)));
  if (picture) elements.push(button(ACTION_PICTURE, PICTURE_LABEL, value));
  for (const vote of VOTES) {
    elements.push({ type: "button", action_id: `${ACTION_VOTE_PREFIX}${vote}`, text: { type: "plain_text", text: VOTE_LABELS[vote].slice(0, L.buttonText) }, value });
  }
  return { type: "actions", block_id: "aistack_buttons", elements };
}

export function renderAnswer(answer: Answer, opts: RenderOptions = {}): SlackMessage {
  const icon = KIND_ICON[answer.kind];
  const headline = answer.headline.trim() || "aistack";
  const head: SlackBlock[] = [{ type: "header", text: { type: "plain_text", text: safe(headline, L.headerText), emoji: false } }];
  if (answer.asOfNote) head.push(context(`:calendar: ${escapeText(answer.asOfNote)}`));
  if (answer.summary?.trim()) head.push(section(`${icon ? icon + " " : ""}${escapeText(answer.summary.trim())}`));
  else if (icon) head.push(context(icon));

  // What closes the message, built first so the body knows how much room it has.
  const tail: SlackBlock[] = [];
  if (answer.suggestions.length) tail.push(context(`Try: ${answer.suggestions.slice(0, 8).map((s) => `\`${escapeText(s)}\``).join(" · ")}`));
  const sources = sourcesLine(answerSources(answer));
  const freshness = answer.asOf ? `Knowledge as of ${escapeText(answer.asOf)}` : undefined;
  if (sources || freshness) tail.push(context(...[sources, freshness].filter((x): x is string => Boolean(x))));
  if (opts.quick) tail.push(context("Quick answer: turn off with `/aistack autoanswer off`."));
  if (opts.sharedBy) tail.push(context(`Shared by ${userMention(opts.sharedBy)}`));
  const buttons = Boolean(opts.answerId && !opts.sharedBy);
  if (answer.paging) tail.unshift(context(pagingText(answer.paging, buttons)));
  if (buttons) tail.push(actions(answer, opts.answerId!, Boolean(opts.share), Boolean(opts.picture)));

  const maxItems = opts.maxItems ?? (opts.quick ? MAX_ITEMS_QUICK : MAX_ITEMS_PER_MESSAGE);
  const total = answer.sections.reduce((n, s) => n + s.items.length, 0);
  // Room left: one block is kept for the "…and N more" line.
  const blockRoom = L.blocksPerMessage - head.length - tail.length - 1;
  let charRoom = L.totalBlockChars - [...head, ...tail].reduce((n, b) => n + blockChars(b), 0) - 100;
  const body: SlackBlock[] = [];
  let shown = 0;
  outer: for (const s of answer.sections) {
    const pending: SlackBlock[] = s.heading ? [section(`*${safe(s.heading, 200)}*`)] : [];
    if (s.table) {
      // a table is shown whole or not at all: half a comparison misleads
      const blocks = [...pending.splice(0), ...tableBlocks(s.table)];
      const cost = blocks.reduce((n, b) => n + blockChars(b), 0);
      if (body.length + blocks.length > blockRoom || cost > charRoom) break outer;
      body.push(...blocks);
      charRoom -= cost;
    }
    for (const item of s.items) {
      const block = section(itemText(item));
      const cost = [...pending, block].reduce((n, b) => n + blockChars(b), 0);
      if (shown >= maxItems || body.length + pending.length + 1 > blockRoom || cost > charRoom) break outer;
      body.push(...pending.splice(0), block);
      charRoom -= cost;
      shown++;
    }
  }
  if (shown < total) body.push(context(`…and ${total - shown} more`));

  const attribution = opts.sharedBy ? `Shared by ${userMention(opts.sharedBy)}: ` : "";
  let text = attribution + escapeText(answer.fallbackText.trim() ? answer.fallbackText : headline);
  if (text.length > L.fallbackText) text = truncate(text, L.fallbackText - 20) + (shown < total ? ` …and ${total - shown} more` : "");
  return { text, blocks: [...head, ...body, ...tail] };
}

/** "Page 1 of 5 · 43 in all"; without a Show more button, how to type the next page. */
function pagingText(p: NonNullable<Answer["paging"]>, button: boolean): string {
  const next = p.nextText && !button ? ` · more: \`${SLASH_COMMAND} ${escapeText(p.nextText)}\`` : "";
  return `Page ${p.page} of ${p.pageCount} · ${p.total} in all${next}`;
}

/** A one-line ephemeral notice (thanks for the vote, expired button, rate limit). */
export function renderNotice(message: string): SlackMessage {
  const text = safe(message, L.sectionText);
  return { text, blocks: [section(text)] };
}
