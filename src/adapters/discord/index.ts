// The Discord adapter: one client, four listeners, one top-level error handler. Nothing here keeps state that
// matters across events in memory: settings, message claims, thread claims, answer refs and feedback all live in
// storage, so any number of shards (processes) can run side by side on the same database.
import { Events, type Client, type Interaction, type Message } from "discord.js";
import type { AppDeps, RunningAdapter } from "../../app/deps.js";
import { createPipeline, type Pipeline } from "../../app/pipeline.js";
import type { ChannelPoster } from "../../app/poster.js";
import { createDiscordClient } from "./client.js";
import { handleAutocomplete } from "./handlers/autocomplete.js";
import { handleButton } from "./handlers/buttons.js";
import { handleChatInput } from "./handlers/commands.js";
import { sendOptions } from "./handlers/context.js";
import { handleMessage } from "./handlers/messages.js";
import { createDiscordPoster } from "./poster.js";
import { renderNotice } from "./render.js";
import { ROOT_COMMAND } from "./commands.js";

import { discordInteractions, type InteractionsEndpoint } from "./http/interactions.js";

export { buildCommands } from "./commands.js";
export { discordInteractions, INTERACTIONS_PATH } from "./http/interactions.js";
export { createDiscordPoster, DiscordPoster } from "./poster.js";

/** Events handled at once; beyond this, messages are dropped and interactions get a short busy notice. */
export const MAX_INFLIGHT_EVENTS = 256;
const BUSY_TEXT = "aistack is very busy right now. Please try again in a minute.";

export interface DiscordHandlers {
  /** resolves when every event taken so far has been handled and its timeline picture sent or given up (tests, shutdown) */
  idle(): Promise<void>;
  /** stop taking new events */
  close(): void;
}

/** Wires the listeners onto a client. Exported so tests drive a real client that never logs in. */
export function attachDiscordHandlers(client: Client, deps: AppDeps, pipeline: Pipeline = createPipeline(deps)): DiscordHandlers {
  const inflight = new Set<Promise<void>>();
  let open = true;
  const track = (work: () => Promise<void>, onError: (err: unknown) => Promise<void>, onBusy?: () => Promise<void>) => {
    if (!open) return;
    if (inflight.size >= MAX_INFLIGHT_EVENTS) {
      deps.logger.warn({ platform: "discord", inflight: inflight.size }, "overloaded; event shed");
      void onBusy?.().catch(() => undefined);
      return;
    }
    const p = (async () => {
      try {
        await work();
      } catch (err) {
        deps.logger.error({ err, platform: "discord" }, "discord handler failed");
        await onError(err).catch((e: unknown) => deps.logger.warn({ err: e }, "could not tell the user about the failure"));
      }
    })().finally(() => inflight.delete(p));
    inflight.add(p);
  };

  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    track(
      async () => {
        if (interaction.isChatInputCommand()) {
          if (interaction.commandName === ROOT_COMMAND) await handleChatInput(pipeline, interaction);
        } else if (interaction.isAutocomplete()) {
          if (interaction.commandName === ROOT_COMMAND) await handleAutocomplete(deps, interaction);
        } else if (interaction.isButton()) {
          await handleButton(pipeline, interaction);
        }
      },
      async () => {
        // One top-level handler: a user who triggered a failure gets a short ephemeral notice, never "interaction failed".
        if (interaction.isAutocomplete()) {
          if (!interaction.responded) await interaction.respond([]);
        } else if (interaction.isRepliable() && !interaction.replied && !interaction.deferred) {
          await interaction.reply(sendOptions(renderNotice("Sorry, something went wrong answering that. Please try again.")));
        }
      },
      async () => {
        if (interaction.isAutocomplete()) await interaction.respond([]);
        else if (interaction.isRepliable()) await interaction.reply(sendOptions(renderNotice(BUSY_TEXT)));
      },
    );
  });
  client.on(Events.MessageCreate, (message: Message) => track(() => handleMessage(deps, pipeline, message), async () => {}));

  return {
    idle: async () => {
      while (inflight.size) await Promise.allSettled([...inflight]);
      await pipeline.idle();
    },
    close: () => {
      open = false;
    },
  };
}

export interface RunningDiscord extends RunningAdapter {
  client: Client;
  /** for the digest scheduler */
  poster: ChannelPoster;
}

/** Logs in and answers until stopped. Needs DISCORD_TOKEN (the config schema checks it with DISCORD_APPLICATION_ID). */
export async function startDiscord(deps: AppDeps, pipeline: Pipeline = createPipeline(deps)): Promise<RunningDiscord> {
  const { config, logger } = deps;
  if (!config.DISCORD_TOKEN) throw new Error("DISCORD_TOKEN is required to start the Discord adapter");
  const client = createDiscordClient(config);
  const handlers = attachDiscordHandlers(client, deps, pipeline);
  client.on(Events.Error, (err) => logger.error({ err, platform: "discord" }, "discord client error"));
  client.on(Events.Warn, (msg) => logger.warn({ platform: "discord", msg }, "discord warning"));
  client.on(Events.ShardDisconnect, (_e, shard) => logger.warn({ platform: "discord", shard }, "shard disconnected"));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ platform: "discord", shard, replayed }, "shard resumed"));
  client.once(Events.ClientReady, (c) => logger.info({ platform: "discord", user: c.user.id, guilds: c.guilds.cache.size, shards: c.shard?.ids ?? [0], quickAnswers: config.DISCORD_QUICK_ANSWERS }, "discord ready"));
  await client.login(config.DISCORD_TOKEN);
  return {
    name: "discord",
    client,
    poster: createDiscordPoster(config, config.PLATFORM_TIMEOUT_MS),
    ready: () => client.isReady(),
    stop: async () => {
      handlers.close();
      await handlers.idle();
      await client.destroy();
    },
  };
}

/** Digests on Discord without the gateway (DISCORD_GATEWAY=false): posting needs only the bot token over REST. */
export function discordPosterOnly(config: AppDeps["config"]): RunningAdapter & { poster: ChannelPoster } {
  return { name: "discord", poster: createDiscordPoster(config, config.PLATFORM_TIMEOUT_MS), ready: () => true, stop: async () => undefined };
}

/** POST /discord/interactions as an adapter: main puts its route on the HTTP server and stops it with the rest. */
export function startDiscordInteractions(deps: AppDeps, pipeline: Pipeline): RunningAdapter & { endpoint: InteractionsEndpoint } {
  const endpoint = discordInteractions(deps, pipeline);
  deps.logger.info({ platform: "discord", path: endpoint.route.path }, "discord interactions endpoint enabled");
  return {
    name: "discord-interactions",
    endpoint,
    ready: () => true,
    stop: async () => {
      endpoint.close();
      await endpoint.idle();
    },
  };
}
