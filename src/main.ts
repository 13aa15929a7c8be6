// npm start: reads the configuration, loads the knowledge base, then starts every platform that has tokens
// (Slack, Discord, and the digest scheduler with them), or the local console when none has.
// First: SIGHUP is queued from here on, while everything else loads (src/app/early-signals.ts).
import { onReload } from "./app/early-signals.js";
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import { resolve } from "node:path";
import { loadConfig, slackEnabled, discordEnabled, discordGatewayEnabled, discordHttpEnabled, type Config } from "./config.js";
import { ConfigError, DataError } from "./errors.js";
import { loadKnowledgeBase } from "./kb/loader.js";
import { loadKnowledgeBaseOffThread, warmKnowledgeBaseLoader } from "./kb/load-off-thread.js";
import { botCore } from "./app/core.js";
import { withAnswerCache } from "./app/answer-cache.js";
import type { Core } from "./core/types.js";
import { createLogger, flushLogs, LOG_FLUSH_MS, type Logger } from "./log.js";
import { runConsole } from "./adapters/console/index.js";
import type { AppDeps, RunningAdapter } from "./app/deps.js";
import type { ChannelPoster } from "./app/poster.js";
import { startHealthServer } from "./app/health.js";
import { openStorage } from "./storage/open.js";
import { guardStorage } from "./storage/guard.js";
import { kbCacheDir } from "./storage/path.js";
import { createPipeline } from "./app/pipeline.js";
import { startRetention } from "./app/retention.js";
import { installProcessGuards } from "./app/process-guards.js";

function fail(err: unknown): never {
  if (err instanceof ConfigError || err instanceof DataError) {
    process.stderr.write(err.message + "\n");
    process.exit(err instanceof ConfigError ? 2 : 1);
  }
  throw err;
}

async function main() {
  let config: Config;
  try {
    // .env is optional; variables already in the environment win over it.
    if (existsSync(".env")) process.loadEnvFile(".env");
    config = loadConfig();
  } catch (err) {
    fail(err);
  }
  const kbDir = resolve(config.KB_DIR);
  let core: Core;
  try {
    core = withAnswerCache(botCore(loadKnowledgeBase(kbDir, { cacheDir: kbCacheDir(config) }).kb, kbCacheDir(config)));
  } catch (err) {
    fail(err);
  }

  if (!slackEnabled(config) && !discordEnabled(config)) {
    await runConsole({ core: () => core, input: process.stdin, output: process.stdout, clock: () => new Date(), config, interactive: Boolean(process.stdin.isTTY) });
    return;
  }

  const logger = createLogger(config.LOG_LEVEL);
  // Behind a circuit: a locked, full or vanished database is found once and then skipped until a background check
  // finds it usable again; readiness reads the circuit, never the database.
  const storage = guardStorage(await openStorage(config, logger), logger);
  const deps: AppDeps = { config, core: () => core, storage, logger, clock: () => new Date() };
  const retention = startRetention(deps);
  // One pipeline for every adapter in this process: one set of local rate buckets and recent answer references.
  const pipeline = createPipeline(deps);
  const adapters: (RunningAdapter & { poster?: ChannelPoster })[] = [];
  let health: Server | undefined;

  // A SIGHUP queued since the process started (early-signals.ts) reloads now; SIGTERM is handled from here on,
  // before anything reports "started", so one that arrives while adapters are starting stops cleanly.
  // Reloads run one at a time; SIGHUPs during one make one more afterwards (the files may have changed again).
  let reloading = false;
  let reloadAgain = false;
  warmKnowledgeBaseLoader();
  onReload(() => {
    if (reloading) return void (reloadAgain = true);
    reloading = true;
    void (async () => {
      do {
        reloadAgain = false;
        await reload(kbDir, kbCacheDir(config), logger, (next) => (core = next));
      } while (reloadAgain);
      reloading = false;
    })();
  });
  let stopping = false;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: no new work, finishing in-flight replies");
    // Not unref'd: while shutdown awaits the adapters (whose own waits are unref'd), this timer keeps Node running,
    // so the process ends with "stopped" or this line, never silently with the work half done. The last
    // LOG_FLUSH_MS of the deadline are for writing out the log lines.
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, "shutdown deadline passed; exiting");
      void flushLogs(logger).then(() => process.exit(1));
    }, Math.max(0, config.SHUTDOWN_TIMEOUT_MS - LOG_FLUSH_MS));
    // Adapters stop taking new work, then wait for their in-flight replies (and a digest post in progress).
    await Promise.allSettled(adapters.map((a) => a.stop()));
    retention.stop();
    // then the timeline pictures still following replies, and the chart worker
    await pipeline.close();
    health?.close();
    await storage.close();
    logger.info("stopped");
    await flushLogs(logger);
    process.exit(exitCode);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  installProcessGuards(logger, (reason, exitCode) => void shutdown(reason, exitCode));

  // Readiness of everything in this process, by adapter name; read lazily, so Slack's /readyz (served by its
  // receiver from the moment it starts) also reports Discord and the digest once they exist.
  const others = (name: string) => async () => (await adapters.find((a) => a.name === name)?.ready()) ?? false;
  // Discord: the gateway (mentions, DMs, quick answers) only when asked for; POST /discord/interactions (commands,
  // autocomplete, buttons) on this process's HTTP server when DISCORD_PUBLIC_KEY is set; digests need only the token.
  // (discord.js is loaded only when Discord is configured)
  const discord = discordEnabled(config) ? await import("./adapters/discord/index.js") : undefined;
  if (discord && discordGatewayEnabled(config)) adapters.push(await discord.startDiscord(deps, pipeline));
  else if (discord && config.DISCORD_TOKEN && config.DISCORD_APPLICATION_ID) adapters.push(discord.discordPosterOnly(config));
  const interactions = discord && discordHttpEnabled(config) ? discord.startDiscordInteractions(deps, pipeline) : undefined;
  if (interactions) adapters.push(interactions);
  const routes = interactions ? [interactions.endpoint.route] : [];
  if (slackEnabled(config)) {
    const extraChecks = { digest: others("digest"), ...(adapters.some((a) => a.name === "discord") ? { discord: others("discord") } : {}) };
    adapters.push(await (await import("./adapters/slack/index.js")).startSlack(deps, { extraChecks, pipeline, routes }));
  }
  const { startDigestScheduler } = await import("./scheduler/index.js");
  const posters = adapters.flatMap((a) => (a.poster ? [a.poster] : []));
  const digest = startDigestScheduler(deps, posters);
  adapters.push(digest);

  // Slack's receiver (HTTP or Socket Mode) serves /healthz and /readyz itself; otherwise a small server does.
  const checks = { knowledgeBase: () => core.kb.facts.length > 0, storage: () => storage.healthy(), ...Object.fromEntries(adapters.map((a) => [a.name, () => a.ready()])) };
  health = slackEnabled(config) ? undefined : await startHealthServer(config.PORT, checks, routes, config.HOST);
  if (health) logger.info({ port: (health.address() as { port?: number } | null)?.port }, "health server listening");
}

/** SIGHUP: reload data/ (parsed on a worker thread); a bad change keeps the last good knowledge base and logs every problem. */
async function reload(dir: string, cacheDir: string, logger: Logger, swap: (core: Core) => void): Promise<void> {
  try {
    const { kb } = await loadKnowledgeBaseOffThread(dir, { cacheDir });
    swap(withAnswerCache(botCore(kb, cacheDir)));
    logger.info({ version: kb.version, facts: kb.facts.length }, "knowledge base reloaded");
  } catch (err) {
    if (err instanceof DataError) {
      // one line per problem (file, record, field, reason), then a summary
      for (const p of err.problems) logger.error({ file: p.file, record: p.record, field: p.field, reason: p.reason }, "knowledge base problem");
      logger.error({ problems: err.problems.length }, "knowledge base reload failed; still serving the last good version");
    }
    else logger.error({ err }, "knowledge base reload failed; still serving the last good version");
  }
}

main().catch((err) => {
  process.stderr.write(`aistack failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
