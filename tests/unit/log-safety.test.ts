// Log lines never carry tokens, token-bearing URLs or bodies, and never hold up the process: errors shaped like
// discord.js REST and Slack WebClient failures are reduced, every string is scrubbed and capped; and a process whose
// stderr nobody reads still logs (into its buffer) and exits promptly.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { Writable } from "node:stream";
import { DiscordAPIError } from "discord.js";
import { webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { createLogger, logRequest } from "../../src/log.js";

/** No line of these runs comes near this: an error's message is capped (MAX_LOG_STRING), its stack to a few frames. */
const LONGEST_LINE = 3000;

const INTERACTION_TOKEN = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpzZWNyZXRzZWNyZXRzZWNyZXQ";
const BOT_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB";
const SLACK_TOKEN = "xoxb-1111-2222-abcdefSECRET";
const HOOK = "https://hooks.slack.com/actions/T1/123/SECRETHOOK";

function capture() {
  let out = "";
  const sink = new Writable({
    write(chunk, _e, done) {
      out += String(chunk);
      done();
    },
  });
  return { logger: createLogger("debug", sink), text: () => out };
}

describe("log redaction", () => {
  it("the per-request line (written without pino's redaction) is still scrubbed and follows the logger's level", () => {
    const { logger, text } = capture();
    logRequest(logger, { platform: "slack", via: "slash", command: `ask ${SLACK_TOKEN}`, outcome: "fact", ms: 3.4, workspace: "T1", channel: "C1" });
    logger.level = "warn";
    logRequest(logger, { platform: "slack", via: "slash", outcome: "hidden", ms: 1 });
    logger.level = "info";
    logRequest(logger, { platform: "discord", via: "command", outcome: "shown", ms: 1 });
    const lines = text().trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(text()).not.toContain("SECRET");
    expect(lines.map((l) => l.outcome)).toEqual(["fact", "shown"]);
    expect(lines[0]).toMatchObject({ app: "aistack", msg: "request", platform: "slack", via: "slash", ms: 3, workspace: "T1", channel: "C1" });
  });

  it("a discord.js REST error on an interaction reply logs no token, URL token or reply body", () => {
    const { logger, text } = capture();
    const err = new DiscordAPIError(
      { message: "Unknown interaction", code: 10062 }, 10062, 404, "POST",
      `https://discord.com/api/v10/interactions/1234567890123456789/${INTERACTION_TOKEN}/callback`,
      { body: { type: 4, data: { content: "SECRET REPLY BODY", embeds: [] } }, files: undefined },
    );
    logger.error({ err }, "discord interaction reply failed");
    logger.warn({ error: err, url: `https://discord.com/api/v10/webhooks/1234567890123456789/${INTERACTION_TOKEN}/messages/@original` }, "follow-up failed");
    logger.info(`Authorization: Bot ${BOT_TOKEN}`);
    const out = text();
    for (const secret of [INTERACTION_TOKEN, BOT_TOKEN, "SECRET REPLY BODY"]) expect(out).not.toContain(secret);
    expect(out).toContain("interactions/1234567890123456789/[redacted]");
    expect(JSON.parse(out.split("\n")[0]!).err).toMatchObject({ type: "DiscordAPIError[10062]", code: 10062, status: 404, method: "POST" });
  });

  it("a Slack WebClient HTTP error with a proxy's HTML page, tokens and hook URLs in strings: reduced, scrubbed, capped", () => {
    const { logger, text } = capture();
    const html = `<html>${"<p>Bad gateway</p>".repeat(2000)} ${SLACK_TOKEN}</html>`;
    const err = new webApi.WebAPIHTTPError(502, "Bad Gateway", {}, html) as Error;
    logger.error({ err, response_url: HOOK, note: `posting to ${HOOK} with ${SLACK_TOKEN}` }, "slack call failed");
    logger.warn(`raw ${html}`);
    const out = text();
    for (const secret of [SLACK_TOKEN, "SECRETHOOK", "<p>Bad gateway</p><p>Bad gateway</p><p>Bad gateway</p><p>Bad gateway</p><p>Bad gateway</p><p>Bad gateway</p><p>Bad gateway</p><p>Bad gateway</p><p>Bad gateway</p><p>Bad gateway</p><p>Bad gateway</p><p>Bad gateway</p><p>Bad gateway</p><p>Bad gateway</p><p>Bad gateway</p><p>Bad gateway</p><p>Bad gateway</p><p>Bad gateway</p>"]) expect(out).not.toContain(secret);
    for (const line of out.trim().split("\n")) expect(line.length).toBeLessThan(LONGEST_LINE);
  });
});

describe("logging never blocks the process", () => {
  it("with a reader, shutdown's flush writes every line before the exit, the last one included", async () => {
    // 5,000 lines (about 1.6 MB): within the 4 MB buffer, so nothing is dropped
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "..", "fixtures", "logging", "flood.ts")], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FLOOD_LINES: "5000" } });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    const exit = await new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    expect(exit).toBe(0);
    const lines = stderr.trim().split("\n");
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ msg: "last line" });
    expect(lines).toHaveLength(5001);
  }, 30_000);

  it("a child logging 5 MB to a stderr pipe nobody reads still exits promptly", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "..", "fixtures", "logging", "flood.ts")], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    // stderr is never read: its pipe fills after 64 KB
    const exit = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolve(-1);
      }, 15_000);
      child.on("exit", (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect(stdout).toContain("logged");
    expect(exit).toBe(0);
  }, 30_000);
});
