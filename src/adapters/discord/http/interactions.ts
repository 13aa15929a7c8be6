// POST /discord/interactions (DISCORD_PUBLIC_KEY set): Discord's HTTP delivery of slash commands, autocomplete and
// button presses, on the same HTTP server as Slack and the health checks, so any instance behind a load balancer
// answers. The signature and timestamp are checked before anything else (401 otherwise); PING gets PONG; the rest
// goes through the same pipeline, renderer and claims as the gateway handlers, answered in the HTTP response.
import type { IncomingMessage, ServerResponse } from "node:http";
import { InteractionResponseType, InteractionType, type APIInteraction, type APIMessageComponentInteraction } from "discord.js";
import type { AppDeps } from "../../../app/deps.js";
import type { Pipeline } from "../../../app/pipeline.js";
import type { InboundRequest, ReplyPort } from "../../../app/request.js";
import { commandByName, specsFor } from "../../../app/commands/list.js";
import { createDiscordRest, DISCORD_CALL_RETRIES, DISCORD_CALL_TIMEOUT_MS } from "../client.js";
import { optionSpec, ROOT_COMMAND } from "../commands.js";
import { toDiscordChoices } from "../handlers/autocomplete.js";
import { INTERACTION_CLAIM_TTL_MS, interactionClaimKey } from "../handlers/buttons.js";
import { cleanUserText } from "../handlers/context.js";
import { DISCORD_LIMITS as L } from "../limits.js";
import { parseCustomId, renderAnswer, renderNotice } from "../render.js";
import { InteractionResponder } from "./responder.js";
import { rawDisplayName, rawInteractionRequest, rawSubcommand } from "./raw-request.js";
import { checkSignature, discordPublicKey } from "./signature.js";

export const INTERACTIONS_PATH = "/discord/interactions";
/** Interactions in flight at once; beyond this, a short busy notice (as on the gateway). */
export const MAX_INFLIGHT_INTERACTIONS = 256;
/** An interaction payload is a few KB (resolved users and channels included); anything past this is not Discord. */
export const MAX_INTERACTION_BYTES = 256 * 1024;
const BUSY_TEXT = "aistack is very busy right now. Please try again in a minute.";
const FAILED_TEXT = "Sorry, something went wrong answering that. Please try again.";

export interface HttpRoute {
  path: string;
  method: string;
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface InteractionsEndpoint {
  route: HttpRoute;
  /** resolves when every interaction taken so far has been handled (tests, shutdown) */
  idle(): Promise<void>;
  /** stop taking new interactions (503) */
  close(): void;
}

export interface InteractionsOptions {
  /** the clock the timestamp check uses (ms) */
  now?: () => number;
  /** when to defer a slow answer (default DEFER_AFTER_MS); tests shorten it */
  deferAfterMs?: number;
}

export function discordInteractions(deps: AppDeps, pipeline: Pipeline, opts: InteractionsOptions = {}): InteractionsEndpoint {
  const now = opts.now ?? Date.now;
  const { config, logger } = deps;
  if (!config.DISCORD_PUBLIC_KEY) throw new Error("DISCORD_PUBLIC_KEY is required for the interactions endpoint");
  const key = discordPublicKey(config.DISCORD_PUBLIC_KEY);
  const rest = createDiscordRest({ DISCORD_API_URL: config.DISCORD_API_URL, DISCORD_TOKEN: undefined }, { timeout: config.PLATFORM_TIMEOUT_MS ?? DISCORD_CALL_TIMEOUT_MS, retries: DISCORD_CALL_RETRIES });
  const inflight = new Set<Promise<unknown>>();
  let open = true;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    if (res.headersSent) return;
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readLimited(req, MAX_INTERACTION_BYTES);
    if (!body) return send(res, 413, { error: "payload too large" });
    const check = checkSignature(key, header(req, "x-signature-ed25519"), header(req, "x-signature-timestamp"), body, now());
    if (!check.ok) {
      logger.warn({ platform: "discord", reason: check.reason }, "interaction refused: invalid request signature");
      return send(res, 401, { error: "invalid request signature" });
    }
    let interaction: APIInteraction;
    try {
      interaction = JSON.parse(body.toString("utf8")) as APIInteraction;
    } catch {
      return send(res, 400, { error: "not JSON" });
    }
    if (interaction.type === InteractionType.Ping) return send(res, 200, { type: InteractionResponseType.Pong });
    if (typeof interaction.token !== "string" || typeof interaction.application_id !== "string") return send(res, 400, { error: "not an interaction" });

    const component = interaction.type === InteractionType.MessageComponent;
    const responder = new InteractionResponder(rest, interaction.application_id, interaction.token, component, opts.deferAfterMs);
    if (!open || inflight.size >= MAX_INFLIGHT_INTERACTIONS) {
      logger.warn({ platform: "discord", inflight: inflight.size }, "overloaded; interaction shed");
      if (interaction.type === InteractionType.ApplicationCommandAutocomplete) responder.choices([]);
      else void responder.message(renderNotice(BUSY_TEXT));
    } else {
      const work = dispatch(deps, pipeline, interaction, responder)
        .catch(async (err: unknown) => {
          logger.error({ err, platform: "discord", type: interaction.type }, "discord interaction failed");
          if (interaction.type === InteractionType.ApplicationCommandAutocomplete) responder.choices([]);
          else if (!responder.responded) await responder.message(renderNotice(FAILED_TEXT));
        })
        .catch((err: unknown) => logger.warn({ err, platform: "discord" }, "could not tell the user about the failure"))
        .finally(() => {
          responder.done();
          inflight.delete(work);
        });
      inflight.add(work);
      // a command the pipeline had nothing to say to still needs a response, or Discord shows "interaction failed"
      void work.then(() => (responder.responded ? undefined : component ? responder.silent() : responder.message(renderNotice("Done.")))).catch(() => undefined);
    }
    send(res, 200, await responder.callback);
  }

  return {
    route: {
      path: INTERACTIONS_PATH,
      method: "POST",
      handler: (req, res) => {
        void handle(req, res).catch((err: unknown) => {
          logger.error({ err, platform: "discord" }, "discord interactions endpoint failed");
          send(res, 500, { error: "internal error" });
        });
      },
    },
    idle: async () => {
      while (inflight.size) await Promise.allSettled([...inflight]);
    },
    close: () => {
      open = false;
    },
  };
}

/** The same steps as the gateway handlers (handlers/commands.ts, autocomplete.ts, buttons.ts), on the raw payload. */
async function dispatch(deps: AppDeps, pipeline: Pipeline, i: APIInteraction, responder: InteractionResponder): Promise<void> {
  switch (i.type) {
    case InteractionType.ApplicationCommand: {
      if (i.data.name !== ROOT_COMMAND) return responder.message(renderNotice("This command is not from aistack."));
      const sub = rawSubcommand(i.data);
      const args: Record<string, string> = {};
      for (const opt of commandByName(sub.name)?.spec.options ?? []) {
        const value = cleanUserText(sub.options.get(opt.name)?.value ?? "");
        if (value) args[opt.name] = value;
      }
      const port: ReplyPort = {
        buttons: true,
        mustRespond: true,
        answer: (answer, opts) => responder.message(renderAnswer(answer, { answerId: opts.answerId, ephemeral: true })),
        notice: (text) => responder.message(renderNotice(text)),
        silent: async () => undefined,
      };
      return pipeline.handle(rawInteractionRequest(i, "command", { kind: "command", name: sub.name, args }), port);
    }
    case InteractionType.ApplicationCommandAutocomplete: {
      const sub = rawSubcommand(i.data);
      const focused = [...sub.options.entries()].find(([, o]) => o.focused);
      const source = focused ? optionSpec(specsFor("discord"), sub.name, focused[0])?.autocomplete : undefined;
      const choices = source && focused ? deps.core().autocomplete(source, focused[1].value, L.autocompleteChoices) : [];
      responder.choices(toDiscordChoices(choices));
      return;
    }
    case InteractionType.MessageComponent:
      return button(pipeline, i, responder);
    default:
      return responder.message(renderNotice("aistack does not handle this kind of interaction."));
  }
}

async function button(pipeline: Pipeline, i: APIMessageComponentInteraction, responder: InteractionResponder): Promise<void> {
  const action = parseCustomId(i.data.custom_id);
  if (!action) return responder.message(renderNotice("This button is not from aistack, or no longer works."));
  const claimed = (req: InboundRequest): InboundRequest => ({ ...req, delivery: { key: interactionClaimKey(i.id), ttlMs: INTERACTION_CLAIM_TTL_MS } });
  const req =
    action.action === "share" ? rawInteractionRequest(i, "share", { kind: "share", answerId: action.answerId })
    : action.action === "vote" ? rawInteractionRequest(i, "feedback", { kind: "vote", answerId: action.answerId, vote: action.vote })
    : action.action === "more" ? claimed(rawInteractionRequest(i, "more", { kind: "more", answerId: action.answerId, page: action.page }))
    : claimed(rawInteractionRequest(i, "suggest", { kind: "suggest", answerId: action.answerId }));
  const ephemeral = ((i.message?.flags ?? 0) & 64) !== 0;
  const port: ReplyPort = {
    buttons: true,
    mustRespond: true,
    // a non-ephemeral reply to the button is a channel message everyone sees ("Shared by …")
    answer: (answer, opts) => responder.message(renderAnswer(answer, { answerId: opts.answerId, sharedBy: rawDisplayName(i) })),
    replace: (answer, opts) => responder.update(renderAnswer(answer, { answerId: opts.answerId, ephemeral })),
    notice: (text) => responder.message(renderNotice(text)),
    silent: async () => responder.silent(),
  };
  await pipeline.handle(req, port);
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** The raw body (the signature covers its exact bytes), or undefined past the limit. */
async function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
