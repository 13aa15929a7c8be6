// Several workspaces on two instances sharing Postgres (behind one load balancer): an install started on one and
// finished on the other, a request on either answered with the workspace's token, an uninstall on one seen by the
// other at once; the sealed row in Postgres holds no clear-text token.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REMOVAL_REASONS } from "../../src/storage/types.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { FakeSlackApi } from "../helpers/slack-fake-api.js";
import { SlackHarness } from "../helpers/slack-harness.js";
import { installWorkspace } from "../helpers/slack-oauth.js";

const fake = new FakeSlackApi();
let db: TestDatabase;
let a: SlackHarness;
let b: SlackHarness;

beforeAll(async () => {
  db = await createTestDatabase();
  await fake.start();
  a = await new SlackHarness({ fake, databaseUrl: db.url, oauth: true }).start();
  b = await new SlackHarness({ fake, databaseUrl: db.url, oauth: true }).start();
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await fake.close();
  await db?.drop();
});

describe("Slack OAuth on two instances sharing Postgres", () => {
  it("installs across instances, answers with the workspace's token on both, and stops on both after an uninstall", async () => {
    const ws = fake.addWorkspace("TPG1");
    expect((await installWorkspace(a, ws, b)).status).toBe(200);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const rows = (await client.query("SELECT * FROM installations")).rows as Record<string, unknown>[];
      expect(rows.map((r) => r.workspace)).toEqual(["TPG1"]);
      expect(JSON.stringify(rows)).not.toContain(ws.botToken);
    } finally {
      await client.end();
    }

    fake.clear();
    await a.command("digest subscribe at 08:30", { team: "TPG1", user: "U1", channel: "CPG1" });
    await b.event({ type: "app_mention", user: "U1", text: `<@${ws.botUserId}> who makes the H100?`, channel: "CPG1", ts: a.ts() }, { team: "TPG1" });
    expect(fake.calls.length).toBeGreaterThanOrEqual(2);
    expect(fake.calls.every((c) => c.token === ws.botToken)).toBe(true);

    expect((await b.event({ type: "tokens_revoked", tokens: { bot: [ws.botUserId] } }, { team: "TPG1" })).status).toBe(200);
    expect((await a.event({ type: "app_uninstalled" }, { team: "TPG1" })).status).toBe(200);
    const [sub] = await a.storage.listDigestSubscriptions("slack");
    expect(sub?.pausedReason).toBe(REMOVAL_REASONS.tokens_revoked);
    fake.clear();
    expect((await a.event({ type: "app_mention", user: "U1", text: `<@${ws.botUserId}> again?`, channel: "CPG1", ts: a.ts() }, { team: "TPG1" })).status).toBe(200);
    expect((await b.command("who makes the H100?", { team: "TPG1", user: "U1", channel: "CPG1" })).text).toBe("");
    expect(fake.calls).toEqual([]);
  });
});
