// Properties of every renderer (console text, Slack Block Kit, Discord embeds) over hostile answers: answers the
// core gives for hostile questions, and synthetic answers with hostile strings in every field and sizes past
// every limit. Never an exception, always within the platform's limits, no mention or link injection, and
// fallback text always present.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { APIEmbed } from "discord.js";
import type { Answer } from "../../src/core/answer.js";
import { renderConsole } from "../../src/adapters/console/render.js";
import { blockChars, renderAnswer as renderSlack, renderNotice as slackNotice, type SlackMessage } from "../../src/adapters/slack/render.js";
import { SLACK_LIMITS } from "../../src/adapters/slack/limits.js";
import { embedChars, renderAnswer as renderDiscord, renderNotice as discordNotice, type DiscordMessage } from "../../src/adapters/discord/render.js";
import { DISCORD_LIMITS as D } from "../../src/adapters/discord/limits.js";
import { expectNoMentions, strings } from "../helpers/slack-safety.js";
import { realCore } from "../helpers/slack-harness.js";
import { hostileAnswer, hostileText, RUNS } from "./arbitraries.js";

const core = realCore();
const ctx = { now: new Date("2026-03-02T10:00:00Z"), timeZone: "UTC" };
/** Answers as the core gives them for hostile questions and commands. */
const coreAnswer: fc.Arbitrary<Answer> = hostileText(300).map((q) => core.handleText(q, ctx));
const anyAnswer = fc.oneof(coreAnswer, hostileAnswer);

function checkConsole(a: Answer): void {
  const out = renderConsole(a);
  expect(typeof out).toBe("string");
  expect(out.trim().length).toBeGreaterThan(0);
  // nothing that moves the cursor, clears the screen or rings the bell
  expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
}

function checkSlack(m: SlackMessage, sharedBy?: string): void {
  const L = SLACK_LIMITS;
  expect(m.text.trim().length, "fallback text").toBeGreaterThan(0);
  expect(m.text.length).toBeLessThanOrEqual(L.fallbackText);
  expect(m.blocks.length).toBeLessThanOrEqual(L.blocksPerMessage);
  expect(m.blocks.reduce((n, b) => n + blockChars(b), 0)).toBeLessThanOrEqual(L.totalBlockChars);
  for (const b of m.blocks) {
    if (b.type === "header") expect(b.text.text.length).toBeLessThanOrEqual(L.headerText);
    if (b.type === "section") {
      // a section has text, fields (a table's two columns) or both
      expect(b.text || b.fields?.length).toBeTruthy();
      expect(b.text?.text.length ?? 0).toBeLessThanOrEqual(L.sectionText);
      expect(b.fields?.length ?? 0).toBeLessThanOrEqual(L.sectionFields);
      for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(L.fieldText);
    }
    if (b.type === "context") {
      expect(b.elements.length).toBeLessThanOrEqual(L.contextElements);
      for (const e of b.elements) if ("text" in e) expect(e.text.length).toBeLessThanOrEqual(L.contextText);
    }
    if (b.type === "actions") for (const e of b.elements) if (e.type === "button") {
      expect(e.text.text.length).toBeLessThanOrEqual(L.buttonText);
      expect((e.value ?? "").length).toBeLessThanOrEqual(L.buttonValue);
    }
  }
  expectNoMentions(m, sharedBy && /^[UW][A-Z0-9]{2,30}$/.test(sharedBy) ? [sharedBy] : []);
}

const PING = /@(everyone|here)|<@[!&]?\d+>/i;
function checkDiscord(m: DiscordMessage): void {
  expect(m.allowed_mentions.parse).toEqual([]);
  expect(m.embeds.length).toBeLessThanOrEqual(D.embedsPerMessage);
  expect(embedChars(m.embeds)).toBeLessThanOrEqual(D.embedTotal);
  const e: APIEmbed | undefined = m.embeds[0];
  expect(((m.content ?? "") + (e?.title ?? "") + (e?.description ?? "")).trim().length, "some visible text").toBeGreaterThan(0);
  if (m.content !== undefined) expect(m.content.length).toBeLessThanOrEqual(D.content);
  for (const x of m.embeds) {
    expect((x.title ?? "").length).toBeLessThanOrEqual(D.embedTitle);
    expect((x.description ?? "").length).toBeLessThanOrEqual(D.embedDescription);
    expect((x.footer?.text ?? "").length).toBeLessThanOrEqual(D.footerText);
    expect((x.fields ?? []).length).toBeLessThanOrEqual(D.embedFields);
    for (const f of x.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(D.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(D.fieldValue);
    }
  }
  expect(m.components.length).toBeLessThanOrEqual(D.actionRows);
  for (const row of m.components) {
    expect(row.components.length).toBeLessThanOrEqual(D.buttonsPerRow);
    for (const b of row.components) if ("custom_id" in b) expect(b.custom_id.length).toBeLessThanOrEqual(D.customId);
  }
  for (const s of strings({ content: m.content, embeds: m.embeds })) expect(s, "mention-looking text").not.toMatch(PING);
}

describe("renderers over hostile answers", () => {
  it("console: readable text, no control characters", () => {
    fc.assert(fc.property(anyAnswer, (a) => checkConsole(a)), RUNS(150));
  });

  it("Slack: within Block Kit limits, fallback text present, nothing pings or links except our own", () => {
    const opts = fc.record({
      // answer ids are ours (base64url from randomBytes), never user text
      answerId: fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), { nil: undefined }),
      share: fc.boolean(),
      quick: fc.boolean(),
      sharedBy: fc.option(fc.oneof(fc.constant("U123ABC"), hostileText(40)), { nil: undefined }),
    });
    fc.assert(
      fc.property(anyAnswer, opts, (a, o) => checkSlack(renderSlack(a, o), o.sharedBy)),
      RUNS(150),
    );
  });

  it("Discord: within embed limits, some visible text, allowed_mentions empty, nothing looks like a ping", () => {
    const opts = fc.record({
      answerId: fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), { nil: undefined }),
      ephemeral: fc.boolean(),
      sharedBy: fc.option(hostileText(80), { nil: undefined }),
    });
    fc.assert(fc.property(anyAnswer, opts, (a, o) => checkDiscord(renderDiscord(a, o))), RUNS(150));
  });

  it("notices on both platforms are safe and short for any text", () => {
    fc.assert(
      fc.property(fc.oneof(hostileText(300), fc.string({ minLength: 3000, maxLength: 5000 })), (t) => {
        const s = slackNotice(t.trim() ? t : "notice");
        expect(s.blocks.length).toBe(1);
        expectNoMentions(s);
        checkDiscord({ ...discordNotice(t.trim() ? t : "notice"), embeds: [] });
      }),
      RUNS(150),
    );
  });
});
