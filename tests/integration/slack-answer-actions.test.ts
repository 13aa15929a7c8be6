// Show more and Suggest for the knowledge base through the real Bolt HTTP receiver, the real core and data/, the
// pipeline, and a fake response_url, on SQLite in a temp dir and on a real Postgres database: the next page replaces
// the message in place; a suggestion is recorded as an unanswered question that `npm run report` lists; a replayed
// press (the same trigger_id) does either only once.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appArgs } from "../helpers/app-command.js";
import type { SlackMessage } from "../../src/adapters/slack/render.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { SlackHarness } from "../helpers/slack-harness.js";
import { expectNoMentions, strings } from "../helpers/slack-safety.js";

const run = promisify(execFile);

const buttons = (m: SlackMessage) => m.blocks.filter((b) => b.type === "actions").flatMap((b) => ("elements" in b ? b.elements : []));
const button = (m: SlackMessage, actionId: string) => {
  const b = buttons(m).find((e) => "action_id" in e && e.action_id === actionId);
  return b && "value" in b ? String(b.value) : undefined;
};

describe.each(["sqlite", "postgres"] as const)("on %s", (backend) => {
  let h: SlackHarness;
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    if (backend === "postgres") db = await createTestDatabase();
    h = await new SlackHarness(db ? { databaseUrl: db.url } : {}).start();
  });
  afterAll(async () => {
    await h?.close();
    await db?.drop();
  });
  beforeEach(() => h.fake.clear());

  /** `npm run report -- feedback` as a real child process over the harness's database. */
  const report = () => {
    const { DATABASE_URL: _unused, ...env } = process.env;
    return run(process.execPath, [...appArgs("src/cli/report.ts"), "feedback"], { env: { ...env, DATA_DIR: h.dir, LOG_LEVEL: "silent", ...(db ? { DATABASE_URL: db.url } : {}) } });
  };
  const unanswered = async (question: string) => (await h.storage.feedbackReport()).unanswered.find((u) => u.question === question)?.count ?? 0;

  describe("Show more", () => {
    it("replaces the message with the next page, which has its own Show more until the last page", async () => {
      const first = (await h.command("timeline anthropic")).json<SlackMessage>();
      expect(first.text).toContain("another $4 billion");
      expect(strings(first.blocks).join("\n")).toMatch(/Page 1 of (\d+) · (\d+) in all/);
      const pageCount = Number(/Page 1 of (\d+)/.exec(strings(first.blocks).join("\n"))![1]);
      expect(pageCount).toBeGreaterThan(1);
      let more = button(first, "aistack_more");
      expect(more).toMatch(/^[\w-]+:2$/);

      const seen = new Set(first.text.split("\n").filter((l) => l.startsWith("- ")));
      for (let page = 2; page <= pageCount; page++) {
        h.fake.clear();
        await h.action("aistack_more", more!, { responseId: `more${page}` });
        const replies = h.fake.replies();
        expect(replies).toHaveLength(1);
        const reply = replies[0]!.args as unknown as SlackMessage & { replace_original: boolean };
        expect(replies[0]!.target).toBe(`more${page}`);
        // the same message, edited in place
        expect(reply.replace_original).toBe(true);
        expect(strings(reply.blocks).join("\n")).toContain(`Page ${page} of ${pageCount}`);
        for (const line of reply.text.split("\n").filter((l) => l.startsWith("- "))) {
          expect(seen.has(line), `repeated on page ${page}: ${line}`).toBe(false);
          seen.add(line);
        }
        // the private reply keeps its Share button; the last page has no Show more
        expect(button(reply, "aistack_share")).toBeDefined();
        more = button(reply, "aistack_more");
        expect(Boolean(more)).toBe(page < pageCount);
        expectNoMentions(reply);
      }
    });

    it("pages a timeline asked as a question the same way; a page of a posted answer offers no Share", async () => {
      const first = (await h.command("what happened to aws in late 2023")).json<SlackMessage>();
      const more = button(first, "aistack_more");
      expect(more).toBeDefined();
      await h.action("aistack_more", more!, { responseId: "q-more", ephemeral: false });
      const reply = h.fake.replies()[0]!.args as unknown as SlackMessage;
      expect(strings(reply.blocks).join("\n")).toContain("Page 2 of");
      expect(button(reply, "aistack_share")).toBeUndefined();
    });

    it("a replayed press (the same trigger_id) replaces the message once", async () => {
      const more = button((await h.command("timeline anthropic")).json<SlackMessage>(), "aistack_more")!;
      await h.action("aistack_more", more, { triggerId: "9001.replayed.more" });
      await h.action("aistack_more", more, { triggerId: "9001.replayed.more" });
      expect(h.fake.replies()).toHaveLength(1);
      // a new press of the same button is a new request
      await h.action("aistack_more", more);
      expect(h.fake.replies()).toHaveLength(2);
    });

    it("an unknown or malformed Show more gets a short private notice, nothing replaced", async () => {
      for (const value of ["no-such-answer:2", "garbage", "ab12:0"]) {
        h.fake.clear();
        await h.action("aistack_more", value);
        const reply = h.fake.replies()[0]!.args as { replace_original: boolean; response_type: string; text: string };
        expect(reply.replace_original).toBe(false);
        expect(reply.response_type).toBe("ephemeral");
        expect(reply.text).toMatch(/too old/);
      }
    });
  });

  describe("Suggest for the knowledge base", () => {
    it("a refusal carries only Suggest; pressing it records the question as unanswered, which the report lists", async () => {
      const question = "what is the hourly price of a p5 instance?";
      const refusal = (await h.command(question)).json<SlackMessage>();
      expect(buttons(refusal).map((e) => ("action_id" in e ? e.action_id : ""))).toEqual(["aistack_suggest"]);
      const before = await unanswered(question);

      await h.action("aistack_suggest", button(refusal, "aistack_suggest")!, { user: "U5" });
      const reply = h.fake.replies()[0]!.args as { response_type: string; replace_original: boolean; text: string };
      expect(reply.response_type).toBe("ephemeral");
      expect(reply.replace_original).toBe(false);
      expect(reply.text).toContain(`"${question}" is noted`);

      expect(await unanswered(question)).toBe(before + 1);
      const { stdout } = await report();
      expect(stdout).toMatch(new RegExp(`${before + 1}×  ${question.replace(/[?.]/g, "\\$&")}`));
    });

    it("a replayed press (the same trigger_id) is counted once", async () => {
      const question = "how many employees does AMD have?";
      const suggest = button((await h.command(question)).json<SlackMessage>(), "aistack_suggest")!;
      const before = await unanswered(question);
      await h.action("aistack_suggest", suggest, { triggerId: "9002.replayed.suggest" });
      await h.action("aistack_suggest", suggest, { triggerId: "9002.replayed.suggest" });
      expect(h.fake.replies()).toHaveLength(1);
      expect(await unanswered(question)).toBe(before + 1);
    });

    it("an unknown answer id is answered with a notice and records nothing", async () => {
      const before = JSON.stringify((await h.storage.feedbackReport()).unanswered);
      await h.action("aistack_suggest", "no-such-answer");
      expect((h.fake.replies()[0]!.args as { text: string }).text).toMatch(/too old/);
      expect(JSON.stringify((await h.storage.feedbackReport()).unanswered)).toBe(before);
    });
  });
});
