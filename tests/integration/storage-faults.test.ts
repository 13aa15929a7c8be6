// Storage that cannot be written, against the real Slack adapter: another connection holding SQLite's write lock
// beyond busy_timeout (SQLITE_BUSY), and a database that has become read-only (SQLITE_READONLY, simulated with
// PRAGMA query_only because root ignores file modes). Questions are still answered; a change that cannot be
// saved is reported in a short message and leaves the stored setting or subscription exactly as it was.
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTION_VOTE_PREFIX } from "../../src/adapters/slack/render.js";
import { SUGGEST_UNSAVED_TEXT } from "../../src/app/answer-actions.js";
import { VOTE_UNSAVED_TEXT } from "../../src/app/votes.js";
import { SlackHarness } from "../helpers/slack-harness.js";

const KEY = { platform: "slack" as const, workspace: "T1", channel: "CFAULT" };
const UNSAVED = /could not save that change/;
let h: SlackHarness;

beforeEach(async () => {
  h = await new SlackHarness({ env: { RATE_USER_PER_MINUTE: "5" } }).start();
  // settings made while storage was fine
  expect((await h.command("autoanswer on", { channel: KEY.channel })).text).toMatch(/on/i);
  expect((await h.command("digest subscribe at 08:30 tz Europe/Berlin", { channel: KEY.channel })).text).toMatch(/subscribed/i);
});
afterEach(async () => {
  await h.close();
});

async function stored() {
  return { autoanswer: (await h.storage.getChannelSettings(KEY))?.autoanswer, digest: (await h.storage.getDigestSubscription(KEY)) };
}

for (const fault of ["locked", "read-only"] as const) {
  describe(`storage ${fault}`, () => {
    it("answers questions, refuses changes with a short message, loses nothing", async () => {
      const before = await stored();
      const buttonsAnswer = (await h.command("who makes trainium?", { channel: KEY.channel })).json<{ blocks: { type: string; elements?: { action_id?: string; value?: string }[] }[] }>();
      const answerId = buttonsAnswer.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id?.startsWith(ACTION_VOTE_PREFIX))?.value;
      expect(answerId).toBeTruthy();
      const buttonValue = async (question: string, actionId: string) =>
        (await h.command(question, { channel: KEY.channel, user: "UBUTTONS" })).json<typeof buttonsAnswer>().blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId)?.value;
      const showMore = await buttonValue("timeline anthropic", "aistack_more");
      const suggestion = await buttonValue("how many employees does AMD have?", "aistack_suggest");
      expect(showMore && suggestion).toBeTruthy();
      const unansweredBefore = (await h.storage.feedbackReport()).unanswered;

      let release: () => void;
      if (fault === "locked") {
        const other = new Database(h.dbFile);
        other.exec("BEGIN IMMEDIATE"); // holds the write lock until released
        release = () => {
          other.exec("ROLLBACK");
          other.close();
        };
      } else {
        h.sqlite.db.pragma("query_only = ON");
        release = () => h.sqlite.db.pragma("query_only = OFF");
      }
      try {
        // questions: answered (without buttons, since the answer reference cannot be saved)
        const q = await h.command("when was trainium announced?", { channel: KEY.channel });
        expect(q.status).toBe(200);
        expect(q.json<{ text: string }>().text).toMatch(/Trainium/);
        // the rate limiter keeps counting in memory: the 6th request this minute is limited
        const more = [];
        for (let i = 0; i < 6; i++) more.push((await h.command("help", { user: "UBURST", channel: KEY.channel })).text);
        expect(more.filter((t) => /asking faster/.test(t))).toHaveLength(1);
        // a mention is answered even though its event id cannot be claimed
        h.fake.clear();
        const ts = h.ts();
        await h.event({ type: "app_mention", channel: KEY.channel, user: "U7", text: "<@UBOT> who makes trainium?", ts, event_ts: ts });
        expect(h.fake.callsOf("chat.postMessage")).toHaveLength(1);
        // changes: refused, with a short message (by another member: the limiter counted this instance's earlier
        // grants in memory too, so the first user has spent this minute's budget of 5)
        for (const change of ["autoanswer off", "digest unsubscribe", "digest subscribe at 10:00"]) {
          const r = await h.command(change, { channel: KEY.channel, user: "UCHANGE" });
          expect(r.status).toBe(200);
          expect(r.text).toMatch(UNSAVED);
        }
        // feedback: the vote is not recorded and the user is told
        h.fake.clear();
        await h.action(`${ACTION_VOTE_PREFIX}helpful`, answerId!, { channel: KEY.channel });
        expect(String(h.fake.callsOf("respond")[0]?.args.text)).toContain(VOTE_UNSAVED_TEXT.slice(0, 30));
        // Show more only reads: the next page still replaces the message; Suggest cannot be noted and says so
        h.fake.clear();
        await h.action("aistack_more", showMore!, { channel: KEY.channel, user: "UBUTTONS" });
        expect(h.fake.callsOf("respond")[0]?.args).toMatchObject({ replace_original: true });
        h.fake.clear();
        await h.action("aistack_suggest", suggestion!, { channel: KEY.channel, user: "UBUTTONS" });
        expect(h.fake.callsOf("respond")[0]?.args).toMatchObject({ replace_original: false, text: SUGGEST_UNSAVED_TEXT });
      } finally {
        release();
      }
      // nothing was lost or half-changed
      expect(await stored()).toEqual(before);
      expect((await h.storage.feedbackReport()).unanswered).toEqual(unansweredBefore);
      expect((await h.storage.healthy())).toBe(true);
      // and once storage is back, changes work again
      expect((await h.command("autoanswer off", { channel: KEY.channel })).text).not.toMatch(UNSAVED);
      expect((await stored()).autoanswer).toBe(false);
    });
  });
}
