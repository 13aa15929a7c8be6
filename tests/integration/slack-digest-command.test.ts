// `/aistack digest …` from Slack: the adapter supplies the actor (member of the channel; admin flag from
// users.info) and the user's time zone; the digest app command decides and stores.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackHarness } from "../helpers/slack-harness.js";

describe("digest from Slack", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await new SlackHarness().start();
  });
  afterAll(async () => {
    await h.close();
  });

  it("any member may subscribe their channel; the schedule defaults to the user's Slack time zone", async () => {
    const res = await h.command("digest subscribe at 08:30", { user: "UMEMBER", channel: "CDIG1" });
    expect(res.json<{ response_type: string }>().response_type).toBe("ephemeral");
    const sub = (await h.storage.getDigestSubscription({ platform: "slack", workspace: "T1", channel: "CDIG1" }));
    expect(sub).toBeDefined();
    expect(sub).toMatchObject({ time: "08:30", tz: "Europe/Berlin" });
    expect(h.fake.callsOf("users.info").map((c) => c.args.user)).toContain("UMEMBER");
  });
});

describe("digest from Slack with DIGEST_ADMINS_ONLY", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await new SlackHarness({ env: { DIGEST_ADMINS_ONLY: "true" } }).start();
    h.fake.admins.add("UADMIN");
  });
  afterAll(async () => {
    await h.close();
  });

  it("refuses a non-admin and accepts a workspace admin, per users.info", async () => {
    const key = { platform: "slack" as const, workspace: "T1", channel: "CDIG2" };
    const refused = await h.command("digest subscribe", { user: "UPLAIN", channel: "CDIG2" });
    expect(refused.status).toBe(200);
    expect((await h.storage.getDigestSubscription(key))).toBeUndefined();
    await h.command("digest subscribe", { user: "UADMIN", channel: "CDIG2" });
    expect((await h.storage.getDigestSubscription(key))).toBeDefined();
  });

  it("if users.info fails, the user is treated as a non-admin (and still gets a reply)", async () => {
    h.fake.failNext("users.info", { kind: "error", error: "user_not_found" });
    const res = await h.command("digest subscribe", { user: "UADMIN", channel: "CDIG3" });
    expect(res.status).toBe(200);
    expect(res.json<{ text: string }>().text.length).toBeGreaterThan(0);
    expect((await h.storage.getDigestSubscription({ platform: "slack", workspace: "T1", channel: "CDIG3" }))).toBeUndefined();
  });
});
