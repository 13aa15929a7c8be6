// `autoanswer on|off|status`: opt-in quick answers per channel, persisted in storage.
import type { Answer } from "../core/answer.js";
import { appMessage, type AppContext } from "./commands.js";

export function runAutoanswer(args: Record<string, string>, ctx: AppContext): Answer {
  const mode = (args.mode ?? "").trim().toLowerCase() || "status";
  const current = ctx.storage.getChannelSettings(ctx.key);
  if (mode === "status") {
    return current?.autoanswer
      ? appMessage("list", "Quick answers are on in this channel.", `Turned on by ${current.updatedBy} on ${current.updatedAt.slice(0, 10)}. Questions about the knowledge base get a short threaded answer when aistack is confident.`)
      : appMessage("list", "Quick answers are off in this channel.", "Turn them on with `autoanswer on` (needs permission to manage this channel).");
  }
  if (mode !== "on" && mode !== "off") return appMessage("error", `Unknown mode "${mode.slice(0, 20)}".`, "Use `autoanswer on`, `autoanswer off` or `autoanswer status`.");
  if (!ctx.actor.canManageChannel) return appMessage("error", "You need permission to manage this channel to change quick answers.", "Ask a channel manager, or check `autoanswer status`.");
  ctx.storage.setAutoanswer(ctx.key, mode === "on", ctx.actor.id, ctx.now);
  return appMessage(
    "list",
    mode === "on" ? "Quick answers are now on in this channel." : "Quick answers are now off in this channel.",
    mode === "on" ? "aistack will answer questions about the AI stack in a thread, only when it is confident, and never twice in one thread." : "aistack will only answer when asked directly.",
  );
}
