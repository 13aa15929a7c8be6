// Black box: `npm start` (Slack HTTP mode) whose stdout and stderr nobody reads. It logs far more than a pipe holds
// (a request line per slash command, at debug level), then gets SIGTERM: it still answers, and it exits 0 within
// SHUTDOWN_TIMEOUT_MS instead of parking its main thread in a log write.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { appArgs } from "../helpers/app-command.js";
import { seedKbCache } from "../helpers/kb-cache.js";
import { FakeSlackApi } from "../helpers/slack-fake-api.js";
import { freePort, ROOT, sleep } from "../helpers/main-process.js";
import { signedHeaders, slashCommandBody, TEST_SIGNING_SECRET } from "../helpers/slack-signing.js";

const fake = new FakeSlackApi();
const dir = mkdtempSync(join(tmpdir(), "aistack-pipe-"));
beforeAll(async () => {
  seedKbCache(dir);
  await fake.start();
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const SHUTDOWN_TIMEOUT_MS = 5_000;
const REQUESTS_IN_FLIGHT = 8;

it("a process whose log pipe nobody reads answers, and exits promptly on SIGTERM", { timeout: 120_000 }, async () => {
  const port = await freePort();
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|DISCORD_|DIGEST_|RATE_|DATABASE_|LOG_LEVEL|KB_DIR|DATA_DIR|PORT)/.test(k)));
  const child = spawn(process.execPath, appArgs("src/main.ts"), {
    cwd: ROOT,
    // pipes that are never read: they fill after 64 KB
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...env, SLACK_BOT_TOKEN: "xoxb-pipe-test", SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: String(port),
      LOG_LEVEL: "debug", DATA_DIR: dir, RATE_USER_PER_MINUTE: "10000", RATE_CHANNEL_PER_MINUTE: "10000", SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    },
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    const end = Date.now() + 90_000;
    while (Date.now() < end && (await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status, () => 0)) !== 200) await sleep(200);

    // ~600 request lines and the Web API debug lines: several times what the pipe holds (a few requests in
    // flight at a time, as Slack sends them, rather than one round trip after another)
    const statuses: number[] = [];
    await Promise.all(Array.from({ length: REQUESTS_IN_FLIGHT }, async (_, lane) => {
      for (let i = lane; i < 600; i += REQUESTS_IN_FLIGHT) {
        const body = slashCommandBody({ text: "sources", user: `U${i}`, channel: `C${i % 50}`, responseUrl: fake.responseUrl(`pipe${i}`) });
        statuses.push((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: "POST", headers: signedHeaders(body, "application/x-www-form-urlencoded"), body })).status);
      }
    }));
    expect(statuses).toHaveLength(600);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const term = Date.now();
    child.kill("SIGTERM");
    const code = await Promise.race([exited, sleep(SHUTDOWN_TIMEOUT_MS + 3_000).then(() => "still running" as const)]);
    expect(code).not.toBe("still running");
    expect(Date.now() - term).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 1_000);
    expect(code).toBe(0);
  } finally {
    child.kill("SIGKILL");
  }
});
