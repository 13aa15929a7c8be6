// `autoanswer on|off|status`: opt-in quick answers per channel, persisted in storage.
import type { Answer } from "../../core/answer.js";
import { CHAT_SURFACES } from "../../core/commands/spec.js";
import { appCommand, appMessage, type AppContext } from "./types.js";

const MODES = ["on", "off", "status"] as const;
type Mode = (typeof MODES)[number];

async function status(ctx: AppContext): Promise<Answer> {
  const current = await ctx.storage.getChannelSettings(ctx.key);
  if (current?.autoanswer && current.pausedReason) return appMessage("list", "Quick answers are paused in this channel.", `${current.pausedReason} Or turn them on again with \`autoanswer on\`.`);
  return current?.autoanswer
    ? appMessage("list", "Quick answers are on in this channel.", `Turned on by ${current.updatedBy} on ${current.updatedAt.slice(0, 10)}. Questions about the knowledge base get a short threaded answer when aistack is confident.`)
    : appMessage("list", "Quick answers are off in this channel.", "Turn them on with `autoanswer on` (needs permission to manage this channel).");
}

async function turn(on: boolean, ctx: AppContext): Promise<Answer> {
  if (!ctx.actor.canManageChannel) return appMessage("error", "You need permission to manage this channel to change quick answers.", "Ask a channel manager, or check `autoanswer status`.");
  await ctx.storage.setAutoanswer(ctx.key, on, ctx.actor.id, ctx.now);
  return appMessage(
    "list",
    on ? "Quick answers are now on in this channel." : "Quick answers are now off in this channel.",
    on ? "aistack will answer questions about the AI stack in a thread, only when it is confident, and never twice in one thread." : "aistack will only answer when asked directly.",
  );
}

/** One handler per mode: a mode in the spec's choices without a handler does not compile. */
const HANDLERS: Record<Mode, (ctx: AppContext) => Promise<Answer>> = {
  on: (ctx) => turn(true, ctx),
  off: (ctx) => turn(false, ctx),
  status,
};

export const autoanswerCommand = appCommand({
  spec: {
    name: "autoanswer",
    description: "Quick answers in this channel: on, off or status",
    usage: "autoanswer on|off|status",
    examples: ["autoanswer on", "autoanswer status"],
    options: [{ name: "mode", description: "on, off or status", required: true, choices: MODES }],
    surfaces: CHAT_SURFACES,
    changePermission: "manage-channel",
  },
  run: async (args, ctx) => {
    const mode = (args.mode ?? "").trim().toLowerCase() || "status";
    const handler = (HANDLERS as Record<string, ((ctx: AppContext) => Promise<Answer>) | undefined>)[mode];
    return handler ? handler(ctx) : appMessage("error", `Unknown mode "${mode.slice(0, 20)}".`, "Use `autoanswer on`, `autoanswer off` or `autoanswer status`.");
  },
});
