// The App Home tab: what aistack is, the commands (from the one registry), and the settings of the viewer's channels.
import type { types } from "@slack/bolt";
import { specsFor } from "../../app/commands/list.js";
import type { CommandSpec } from "../../core/commands/spec.js";
import type { ChannelSettings } from "../../storage/types.js";
import { escapeText, truncate, userMention } from "./escape.js";
import { SLACK_LIMITS as L } from "./limits.js";

/** Block Kit blocks (render.ts names the same type SlackBlock; it imports SLASH_COMMAND from here). */
type SlackBlock = types.KnownBlock;

export const SLASH_COMMAND = "/aistack";

export interface HomeView {
  type: "home";
  blocks: SlackBlock[];
}

const channelRef = (id: string) => (/^[CGD][A-Z0-9]{2,30}$/.test(id) ? `<#${id}>` : escapeText(id));

/** One line per command, built from the registry: "`/aistack timeline <entity or year>`: Dated events …". */
export function commandLines(commands: readonly CommandSpec[] = specsFor("slack")): string[] {
  return commands.map((c) => `\`${SLASH_COMMAND} ${escapeText(c.usage)}\`\n${escapeText(c.description)}`);
}

/** `settings`: those of the channels the viewer is in (the listener filters them); membershipUnknown: Slack would not say. */
export function buildHomeView(settings: readonly ChannelSettings[], commands: readonly CommandSpec[] = specsFor("slack"), opts: { membershipUnknown?: boolean } = {}): HomeView {
  const blocks: SlackBlock[] = [
    { type: "header", text: { type: "plain_text", text: "aistack" } },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text:
          "Answers questions about the AI industry stack (clouds, AI chips, models and the deals between them) from a cited knowledge base. " +
          `Every answer names its sources and shows where they disagree.\nAsk with \`${SLASH_COMMAND} &lt;question&gt;\`, mention the app in a channel, or send it a direct message.`,
      },
    },
    { type: "divider" },
    { type: "header", text: { type: "plain_text", text: "Commands" } },
  ];
  for (const line of commandLines(commands)) blocks.push({ type: "section", text: { type: "mrkdwn", text: safeMrkdwn(line) } });
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `Anything else after \`${SLASH_COMMAND}\` is a question, e.g. \`${SLASH_COMMAND} how much did Amazon invest in Anthropic?\`` }] });
  blocks.push({ type: "divider" }, { type: "header", text: { type: "plain_text", text: "Channel settings in your channels" } });

  const room = L.blocksPerView - blocks.length - 1;
  const on = settings.filter((s) => s.autoanswer);
  if (opts.membershipUnknown) {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `Your channels' settings cannot be shown right now. Run \`${SLASH_COMMAND} autoanswer status\` in a channel to see its setting.` } });
  } else if (!settings.length) {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `No channel you are in has changed a setting yet. Quick answers are off until someone runs \`${SLASH_COMMAND} autoanswer on\` in a channel.` } });
  } else {
    // Several settings share one section, so a busy workspace still fits the view's block limit.
    const lines = settings.map(
      (s) => `${s.autoanswer ? ":large_green_circle:" : ":white_circle:"} ${channelRef(s.channel)}: quick answers ${s.autoanswer ? "on" : "off"} (${userMention(s.updatedBy)}, ${escapeText(s.updatedAt.slice(0, 10))})`,
    );
    let chunk: string[] = [];
    const flush = () => {
      if (chunk.length && blocks.length < L.blocksPerView - 2) blocks.push({ type: "section", text: { type: "mrkdwn", text: chunk.join("\n") } });
      chunk = [];
    };
    let shown = 0;
    for (const line of lines) {
      if ([...chunk, line].join("\n").length > L.sectionText) flush();
      if (blocks.length >= room) break;
      chunk.push(line);
      shown++;
    }
    flush();
    if (shown < lines.length) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `…and ${lines.length - shown} more` }] });
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `Quick answers are on in ${on.length} channel${on.length === 1 ? "" : "s"}.` }] });
  }
  return { type: "home", blocks: blocks.slice(0, L.blocksPerView) };
}

const safeMrkdwn = (s: string) => truncate(s, L.sectionText);
