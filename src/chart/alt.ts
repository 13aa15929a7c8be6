// The picture's alt text: what it shows and the events in order, short enough for Discord's attachment
// description (1024 characters) and Slack's alt text; the full text answer stays the accessible fallback.
import { CHART } from "./config.js";
import type { ChartModel } from "./model.js";

const EVENT_CHARS = 90;

const clip = (s: string, n: number) => (s.length <= n ? s : s.slice(0, n - 1).replace(/\s+\S*$/, "") + "…");

export function altText(model: ChartModel): string {
  const first = model.events[0]!.date.label;
  const last = model.events[model.events.length - 1]!.date.label;
  const head = `Timeline chart. ${model.headline}: ${model.events.length} event${model.events.length === 1 ? "" : "s"} from ${first} to ${last}, in rows by ${model.rows.map((r) => r.name).join(", ")}. Hollow marks are disputed dates.`;
  let out = head;
  for (const [i, e] of model.events.entries()) {
    const record = e.publicRecordDate ? ` (disputed; public record ${e.publicRecordDate.label})` : e.disputed ? " (disputed)" : "";
    const line = ` ${e.n}. ${e.date.label}${e.amount ? `, ${e.amount}` : ""}${record}: ${clip(e.text, EVENT_CHARS)}`;
    const more = ` … and ${model.events.length - i} more in the text answer.`;
    if (out.length + line.length + (i < model.events.length - 1 ? more.length : 0) > CHART.altTextMax) return out + more;
    out += line;
  }
  return out;
}
