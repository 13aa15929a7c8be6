// A real Discord adapter on a real discord.js Client that never logs in: REST goes to the local fake API, events
// are injected as raw gateway payloads, storage is a real SQLite file in a temp dir (or a real Postgres database),
// the core runs on the real data.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "discord.js";
import type { AppDeps } from "../../src/app/deps.js";
import { createPipeline } from "../../src/app/pipeline.js";
import { Pictures, type PictureRenderer } from "../../src/app/pictures.js";
import { createDiscordClient } from "../../src/adapters/discord/client.js";
import { attachDiscordHandlers, type DiscordHandlers } from "../../src/adapters/discord/index.js";
import { loadConfig } from "../../src/config.js";
import type { Core } from "../../src/core/types.js";
import { silentLogger, type Logger } from "../../src/log.js";
import { SqliteStorage } from "../../src/storage/sqlite/store.js";
import type { Storage } from "../../src/storage/types.js";
import type { FakeDiscordApi } from "./discord-fake-api.js";
import { openTestPostgres } from "./postgres.js";
import { APP_ID, injectInteraction, injectMessage, seedGuild, setBotUser } from "./discord-interactions.js";
import { shippedCore } from "./shipped-kb.js";

let sharedCore: Core | undefined;
/** The real core on the real data, built once per test file. */
export const realCore = () => (sharedCore ??= shippedCore());

export const tempDbFile = () => {
  const dir = mkdtempSync(join(tmpdir(), "aistack-discord-"));
  return { file: join(dir, "aistack.db"), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};

export interface Harness {
  client: Client;
  deps: AppDeps;
  storage: Storage;
  handlers: DiscordHandlers;
  /** delivers a raw interaction and waits until the adapter has finished with it */
  interact(raw: unknown): Promise<void>;
  /** delivers a raw message and waits until the adapter has finished with it */
  message(raw: unknown): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  quickAnswers?: boolean;
  core?: () => Core;
  env?: Record<string, string>;
  databaseUrl?: string;
  logger?: AppDeps["logger"];
  /** a chart worker shared by the file's harnesses, which closes it: each harness would otherwise start its own thread and load vega-lite again */
  chartWorker?: PictureRenderer;
}

export async function startHarness(api: FakeDiscordApi, dbFile: string, opts: HarnessOptions = {}): Promise<Harness> {
  const config = loadConfig({
    DISCORD_TOKEN: "test-token", DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: api.url,
    DISCORD_QUICK_ANSWERS: opts.quickAnswers ? "true" : "false", LOG_LEVEL: "silent", ...opts.env,
  });
  // Postgres instead of SQLite: this database (tests/helpers/postgres.ts); dbFile is then unused
  const storage = opts.databaseUrl ? await openTestPostgres(opts.databaseUrl) : new SqliteStorage(dbFile, { busyTimeoutMs: config.SQLITE_BUSY_TIMEOUT_MS });
  const deps: AppDeps = { config, core: opts.core ?? realCore, storage, logger: opts.logger ?? silentLogger(), clock: () => new Date("2025-07-01T12:00:00Z") };
  const client = createDiscordClient(config);
  client.rest.setToken("test-token"); // no login(): nothing connects to a gateway
  setBotUser(client);
  seedGuild(client);
  // the harness's own pipeline, so closing it ends its chart worker (unless the file shares one)
  const shared = opts.chartWorker;
  const pipeline = createPipeline(deps, shared && config.TIMELINE_PICTURES ? { pictures: new Pictures(deps, { render: (...a) => shared.render(...a), close: async () => undefined }) } : {});
  const handlers = attachDiscordHandlers(client, deps, pipeline);
  return {
    client, deps, storage, handlers,
    interact: async (raw) => {
      injectInteraction(client, raw);
      await handlers.idle();
    },
    message: async (raw) => {
      injectMessage(client, raw);
      await handlers.idle();
    },
    close: async () => {
      handlers.close();
      await handlers.idle();
      await pipeline.close();
      await client.destroy();
      await storage.close();
    },
  };
}
