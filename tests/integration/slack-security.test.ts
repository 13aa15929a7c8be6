// Request authenticity at the door: bad signatures and timestamps outside ±5 minutes get 401 before any work.
import { describe, expect, it } from "vitest";
import { SlackHarness, useSlackHarness } from "../helpers/slack-harness.js";
import { eventBody, slashCommandBody } from "../helpers/slack-signing.js";

const h = useSlackHarness();

const now = () => Math.floor(Date.now() / 1000);
const FORM = "application/x-www-form-urlencoded";
const mention = (ts: string) => eventBody({ type: "app_mention", channel: "C1", user: "U1", text: "<@UBOT> about anthropic", ts, event_ts: ts }, `EvSec${ts}`);

describe("signed requests", () => {
  it("accepts a correctly signed request (control)", async () => {
    const res = await h.post("/slack/events", slashCommandBody({ text: "help", responseUrl: h.fake.responseUrl("x") }), FORM);
    expect(res.status).toBe(200);
  });

  it("refuses a bad signature, a wrong secret, a tampered body and a missing signature with 401", async () => {
    const body = slashCommandBody({ text: "help", responseUrl: h.fake.responseUrl("x") });
    expect((await h.post("/slack/events", body, FORM, { secret: "not-the-secret" })).status).toBe(401);
    expect((await h.post("/slack/events", body, FORM, { headers: { "x-slack-signature": "v0=" + "0".repeat(64) } })).status).toBe(401);
    const signedFor = slashCommandBody({ text: "help", responseUrl: h.fake.responseUrl("x") });
    const res = await fetch(`${h.url}/slack/events`, {
      method: "POST",
      headers: { ...(await import("../helpers/slack-signing.js")).signedHeaders(signedFor, FORM) },
      body: signedFor.replace("help", "sources"),
    });
    expect(res.status).toBe(401);
    expect((await h.post("/slack/events", body, FORM, { unsigned: true })).status).toBe(401);
  });

  it("refuses timestamps more than five minutes old or in the future, even when correctly signed", async () => {
    const ts = h.ts();
    expect((await h.post("/slack/events", mention(ts), "application/json", { timestamp: now() - 6 * 60 })).status).toBe(401);
    expect((await h.post("/slack/events", mention(ts), "application/json", { timestamp: now() + 6 * 60 })).status).toBe(401);
    expect((await h.post("/slack/events", mention(ts), "application/json", { timestamp: now() + 24 * 3600 })).status).toBe(401);
    expect((await h.post("/slack/events", mention(ts), "application/json", { headers: { "x-slack-request-timestamp": "" } })).status).toBe(401);
    // no work was done for any of them
    expect(h.fake.calls).toHaveLength(0);
    expect(await h.storage.claim(`slack:event:EvSec${ts}`, new Date(), 1000)).toBe(true);
  });

  it("accepts a correctly signed request with small clock skew either way", async () => {
    const body = slashCommandBody({ text: "help", responseUrl: h.fake.responseUrl("x") });
    expect((await h.post("/slack/events", body, FORM, { timestamp: now() + 60 })).status).toBe(200);
    expect((await h.post("/slack/events", body, FORM, { timestamp: now() - 60 })).status).toBe(200);
  });

  it("leaves health endpoints and unknown paths alone", async () => {
    expect((await h.get("/healthz")).status).toBe(200);
    expect((await h.get("/nope")).status).toBe(404);
  });
});

describe("failures", () => {
  it("a failing core gives the user a short ephemeral apology, not a timeout, and the app keeps serving", async () => {
    const broken = await new SlackHarness({ core: () => { throw new Error("core exploded"); } }).start();
    try {
      const res = await broken.command("timeline trainium");
      expect(res.status).toBe(200);
      const m = res.json<{ response_type: string; text: string }>();
      expect(m).toMatchObject({ response_type: "ephemeral" });
      expect(m.text).toMatch(/something went wrong/i);
      expect(m.text).not.toContain("core exploded");
      // a mention that fails posts nothing and does not take the app down
      const ts = broken.ts();
      expect((await broken.event({ type: "app_mention", channel: "C1", user: "U1", text: "<@UBOT> hi", ts, event_ts: ts })).status).toBe(200);
      expect(broken.fake.callsOf("chat.postMessage")).toHaveLength(0);
      expect((await broken.get("/healthz")).status).toBe(200);
      // readiness says why: the knowledge base is not there
      const ready = await broken.get("/readyz");
      expect(ready.status).toBe(503);
      expect(ready.json()).toEqual({ status: "not ready", checks: { kb: false, storage: true, slack: true } });
    } finally {
      await broken.close();
    }
  });

  it("readiness turns 503 when storage stops answering", async () => {
    await h.storage.close();
    const ready = await h.get("/readyz");
    expect(ready.status).toBe(503);
    expect(ready.json<{ checks: Record<string, boolean> }>().checks).toEqual({ kb: true, storage: false, slack: true });
  });
});

describe("readiness of the whole process", () => {
  it("includes checks other adapters add, and fails when one fails", async () => {
    let discordUp = false;
    const other = new SlackHarness();
    // a startSlack option, which the harness passes through
    other.extraChecks = { discord: () => discordUp };
    await other.start();
    try {
      expect((await other.get("/readyz")).json()).toEqual({ status: "not ready", checks: { kb: true, storage: true, slack: true, discord: false } });
      discordUp = true;
      const ready = await other.get("/readyz");
      expect(ready.status).toBe(200);
      expect(ready.json()).toEqual({ status: "ready", checks: { kb: true, storage: true, slack: true, discord: true } });
    } finally {
      await other.close();
    }
  });
});
