// A side-by-side table (compare) as Block Kit: one section per attribute, its two values as section `fields`
// (Slack lays fields out in two columns), after a first section naming the columns. Pure.
import type { types } from "@slack/bolt";
import type { AnswerTable, TableCell } from "../../core/answer.js";
import { escapeText, safe, truncate } from "./escape.js";
import { SLACK_LIMITS as L } from "./limits.js";

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: "mrkdwn", text });

const cellText = (c: TableCell) => (c.missing ? `_${escapeText(c.text)}_` : escapeText(c.text));

/** The blocks of one table: a header row with the sides' names, then one block per attribute. */
export function tableBlocks(t: AnswerTable): types.KnownBlock[] {
  const fields = (texts: string[]) => texts.slice(0, L.sectionFields).map((x) => mrkdwn(truncate(x, L.fieldText)));
  const header: types.KnownBlock = { type: "section", fields: fields(t.columns.map((c) => `*${safe(c, L.fieldText - 2)}*`)) };
  const rows = t.rows.map((r): types.KnownBlock => ({ type: "section", text: mrkdwn(`*${safe(r.label, 200)}*`), fields: fields(r.cells.map(cellText)) }));
  return [header, ...rows];
}
