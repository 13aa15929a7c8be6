// The real Slack adapter on Postgres while the database refuses every connection (as in a failover or a restart):
// questions are still answered, changes and votes get "try again in a moment" and change nothing, readiness says
// so; once the database takes connections again the same instance carries on by itself, with no restart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { inject } from "vitest";
import { ACTION_VOTE_PREFIX } from "../../src/adapters/slack/render.js";
import { VOTE_UNSAVED_TEXT } from "../../src/app/votes.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { SlackHarness } from "../helpers/slack-harness.js";

const KEY = { platform: "slack" as const, workspace: "T1", channel: "CPGFAULT" };
const UNAVAILABLE = /try again in a moment/;
let db: TestDatabase;
let h: SlackHarness;

/** Runs SQL on the server's maintenance database (outside the one being cut off). */
async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: `${inject("postgresServer")}/postgres` });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const dbName = () => new URL(db.url).pathname.slice(1);

beforeAll(async () => {
  db = await createTestDatabase();
  h = await new SlackHarness({ databaseUrl: db.url }).start();
});
afterAll(async () => {
  await admin(`ALTER DATABASE ${dbName()} ALLOW_CONNECTIONS true`).catch(() => undefined);
  await h?.close();
  await db?.drop();
});

describe("Postgres unreachable", () => {
  it("answers questions, refuses changes with a short message, and recovers by itself", async () => {
    expect((await h.command("autoanswer on", { channel: KEY.channel })).text).toMatch(/now on/);
    const first = (await h.command("who makes trainium?", { channel: KEY.channel })).json<{ blocks: { elements?: { action_id?: string; value?: string }[] }[] }>();
    const answerId = first.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id?.startsWith(ACTION_VOTE_PREFIX))?.value;
    expect(answerId).toBeTruthy();
    const buttonValue = async (question: string, actionId: string) =>
      (await h.command(question, { channel: KEY.channel })).json<typeof first>().blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId)?.value;
    const more = await buttonValue("timeline anthropic", "aistack_more");
    const suggest = await buttonValue("how many employees does AMD have?", "aistack_suggest");
    expect(more && suggest).toBeTruthy();

    // the database stops taking connections and drops the ones it has
    await admin(`ALTER DATABASE ${dbName()} ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${dbName()}'`);
    try {
      const q = await h.command("when was trainium announced?", { channel: KEY.channel });
      expect(q.status).toBe(200);
      expect(q.json<{ text: string }>().text).toMatch(/Trainium/);
      for (const change of ["autoanswer off", "digest subscribe at 10:00"]) {
        const r = await h.command(change, { channel: KEY.channel });
        expect(r.status).toBe(200);
        expect(r.text).toMatch(UNAVAILABLE);
      }
      h.fake.clear();
      await h.action(`${ACTION_VOTE_PREFIX}helpful`, answerId!, { channel: KEY.channel });
      expect(String(h.fake.callsOf("respond")[0]?.args.text)).toContain(VOTE_UNSAVED_TEXT.slice(0, 30));
      // Show more needs the answer's reference, Suggest writes: each gets a short private notice, nothing replaced
      for (const [actionId, value] of [["aistack_more", more!], ["aistack_suggest", suggest!]] as const) {
        h.fake.clear();
        await h.action(actionId, value, { channel: KEY.channel });
        expect(h.fake.callsOf("respond")[0]?.args).toMatchObject({ replace_original: false, response_type: "ephemeral", text: expect.stringMatching(UNAVAILABLE) });
      }
      const ready = await h.get("/readyz");
      expect(ready.status).toBe(503);
      expect(ready.json<{ checks: Record<string, boolean> }>().checks.storage).toBe(false);
    } finally {
      await admin(`ALTER DATABASE ${dbName()} ALLOW_CONNECTIONS true`);
    }

    // back: the same instance reads and writes again without a restart, and nothing was half-changed
    expect((await h.get("/readyz")).status).toBe(200);
    expect((await h.storage.getChannelSettings(KEY))?.autoanswer).toBe(true);
    expect(await h.storage.getDigestSubscription(KEY)).toBeUndefined();
    expect((await h.command("autoanswer off", { channel: KEY.channel })).text).toMatch(/now off/);
    expect((await h.storage.getChannelSettings(KEY))?.autoanswer).toBe(false);
  });
});
