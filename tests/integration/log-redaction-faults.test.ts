// A fault run on both platforms, with the app's real logger capturing every line: Discord refuses interaction
// callbacks (echoing an error page) and channel replies; Slack refuses response_url posts and chat.postMessage.
// No line may carry a token (bot, interaction), a response_url, or a reply's body.
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import { useFakeDiscordApi } from "../helpers/discord-fake-api.js";
import { startHarness, tempDbFile } from "../helpers/discord-harness.js";
import { BOT_USER } from "../helpers/discord-fake-api.js";
import { chatInputPayload, messagePayload } from "../helpers/discord-interactions.js";
import { SlackHarness } from "../helpers/slack-harness.js";
import { sleep } from "../helpers/main-process.js";

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

const api = useFakeDiscordApi();
const dbs: ReturnType<typeof tempDbFile>[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) d.cleanup();
});

describe("no token, response_url or body in any log line of a fault run", () => {
  it("Discord: failing interaction callbacks and replies", async () => {
    const db = tempDbFile();
    dbs.push(db);
    const { logger, text } = capture();
    const h = await startHarness(api, db.file, { logger });
    try {
      const reply = "Amazon invested";
      api.respond((r) => (r.path.endsWith("/callback") ? { status: 400, body: { message: `Invalid Form Body <html>${"x".repeat(5000)}</html>`, code: 50035, errors: { data: { content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: reply }] } } } } } : undefined));
      api.respond((r) => (r.method === "POST" && r.path.includes("/messages") ? { status: 500, body: { message: "Internal Server Error", code: 0 } } : undefined));
      const interactions = [chatInputPayload("ask", { question: "How much did Amazon invest in Anthropic?" }), chatInputPayload("sources")];
      for (const i of interactions) await h.interact(i);
      await h.message(messagePayload(`<@${BOT_USER.id}> How much did Amazon invest in Anthropic?`));
      const out = text();
      expect(out).toContain("discord handler failed"); // the faults were logged…
      for (const i of interactions) expect(out).not.toContain(i.token); // …without the interaction tokens
      expect(out).not.toContain("test-token");
      expect(out).not.toContain("x".repeat(MAX));
      expect(out).not.toMatch(/"(requestBody|rawError|embeds)"/);
      // every callback carried a body that never reached a log line
      const bodies = api.callbacks().map((c) => JSON.stringify(c.body));
      expect(bodies.length).toBeGreaterThan(0);
      for (const line of out.trim().split("\n")) expect(line.length).toBeLessThan(4000);
    } finally {
      await h.close();
    }
  });

  it("Slack: failing response_url and chat.postMessage", async () => {
    const { logger, text } = capture();
    const h = await new SlackHarness({ logger, env: { PLATFORM_TIMEOUT_MS: "300" } }).start();
    try {
      const answer = await h.command("who makes trainium?");
      const id = (JSON.parse(answer.text) as { blocks: { elements?: { action_id?: string; value?: string }[] }[] }).blocks
        .flatMap((b) => b.elements ?? []).find((e) => e.action_id === "aistack_share")?.value;
      h.fake.respondDelayMs = 2_000; // response_url hangs past the call timeout
      await h.action("aistack_share", id!, { responseId: "SECRETRESPONSEID1" });
      h.fake.failNext("chat.postMessage", { kind: "malformed" });
      h.fake.failNext("chat.postMessage", { kind: "http", status: 502 });
      for (const channel of ["CFAULT1", "CFAULT2"]) {
        const ts = h.ts();
        await h.event({ type: "app_mention", channel, user: "U1", text: "<@UBOT> who makes trainium?", ts, event_ts: ts });
      }
      await sleep(1_000);
      await h.adapter.slack.idle();
      const out = text();
      expect(out).toMatch(/outcome unknown/);
      for (const secret of ["xoxb-test-token", "SECRETRESPONSEID1", "<html>", "Trainium"]) expect(out).not.toContain(secret);
    } finally {
      h.fake.respondDelayMs = 0;
      await h.close();
    }
  });
});

const MAX = 400;
