// GET /healthz and /readyz from `src/main.ts` as a real process in the runs where Slack does not serve HTTP
// events: Socket Mode (the receiver serves them on PORT), Discord only (main's own health server), and Slack
// HTTP with Discord, where Slack's /readyz also reports Discord and the digest. Debug-level logs of these runs
// never contain the bot token, the app token or the signing secret.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscordApi } from "../helpers/discord-fake-api.js";
import { FakeDiscordGateway } from "../helpers/discord-fake-gateway.js";
import { APP_ID } from "../helpers/discord-interactions.js";
import { FakeSlackApi } from "../helpers/slack-fake-api.js";
import { FakeSocketMode } from "../helpers/slack-fake-socket.js";
import { freePort, MainProcess } from "../helpers/main-process.js";
import { TEST_SIGNING_SECRET } from "../helpers/slack-signing.js";

const SECRETS = { bot: "xoxb-health-secret-bot-7777", app: "xapp-health-secret-app-8888", discord: "discord.health.secret-token-9999" };
const slack = new FakeSlackApi();
const socket = new FakeSocketMode();
const discordApi = new FakeDiscordApi();
const gateway = new FakeDiscordGateway();
const dirs: string[] = [];
const procs: MainProcess[] = [];

beforeAll(async () => {
  await Promise.all([slack.start(), socket.start(), discordApi.start(), gateway.start()]);
  slack.socketUrl = socket.url;
  discordApi.respond((r) => (r.method === "GET" && r.path === "/gateway/bot" ? { status: 200, body: gateway.gatewayBot() } : undefined));
});
afterAll(async () => {
  // the tests run at the same time, so a process a failed test left running is killed only after all of them
  for (const p of procs.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.kill("SIGKILL");
    await p.exited;
  }
  await Promise.all([slack.close(), socket.close(), discordApi.stop(), gateway.stop()]);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function run(env: Record<string, string>): Promise<{ main: MainProcess; base: string }> {
  const dir = mkdtempSync(join(tmpdir(), "aistack-health-"));
  dirs.push(dir);
  const port = await freePort();
  const main = new MainProcess({ DATA_DIR: dir, PORT: String(port), LOG_LEVEL: "debug", ...env });
  procs.push(main);
  return { main, base: `http://127.0.0.1:${port}` };
}

async function readyz(base: string, timeoutMs = 30_000): Promise<{ status: number; body: { status: string; checks: Record<string, boolean> } }> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${base}/readyz`).catch(() => undefined);
    if (res?.status === 200 || (res && Date.now() > end)) return { status: res.status, body: (await res.json()) as never };
    if (Date.now() > end) throw new Error(`no /readyz answer from ${base}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(main: MainProcess): Promise<void> {
  main.kill("SIGTERM");
  expect((await main.exited).code).toBe(0);
  for (const s of [...Object.values(SECRETS), TEST_SIGNING_SECRET]) expect(main.output).not.toContain(s);
}

const slackEnv = () => ({ SLACK_BOT_TOKEN: SECRETS.bot, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl });
const discordEnv = { DISCORD_TOKEN: SECRETS.discord, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: "" };

// The three runs are independent (own port, data dir and process) and mostly wait for connections: run together.
describe.concurrent("health endpoints of the whole process", { timeout: 90_000 }, () => {
  it("Socket Mode: /healthz and /readyz on PORT, ready once connected, with the digest's readiness", async () => {
    const { main, base } = await run({ ...slackEnv(), SLACK_APP_TOKEN: SECRETS.app });
    const r = await readyz(base);
    expect(r.status).toBe(200);
    expect(r.body.checks).toEqual({ kb: true, storage: true, slack: true, digest: true });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await stop(main);
  });

  it("Discord only: main's own health server answers /healthz and /readyz", async () => {
    const { main, base } = await run({ ...discordEnv, DISCORD_API_URL: discordApi.url });
    const r = await readyz(base);
    expect(r.status).toBe(200);
    expect(r.body.checks).toEqual({ knowledgeBase: true, storage: true, discord: true, digest: true });
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: "ok" });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    await stop(main);
  });

  it("Slack HTTP with Discord: Slack's /readyz also reports Discord and the digest", async () => {
    const { main, base } = await run({ ...slackEnv(), ...discordEnv, DISCORD_API_URL: discordApi.url });
    const r = await readyz(base).catch((err: Error) => {
      throw new Error(`${err.message}\n${main.output.slice(-2000)}`);
    });
    expect(r.status).toBe(200);
    expect(r.body.checks).toEqual({ kb: true, storage: true, slack: true, digest: true, discord: true });
    await stop(main);
  });
});
