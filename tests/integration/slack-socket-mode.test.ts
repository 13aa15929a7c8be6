// Socket Mode (SLACK_APP_TOKEN set): the real SocketModeReceiver connects to a local fake endpoint. Replies
// ride in the acks (slash commands) or go through the Web API (events); redeliveries after a reconnect or a
// restart never produce a second reply.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SlackHarness } from "../helpers/slack-harness.js";
import { FakeSocketMode } from "../helpers/slack-fake-socket.js";
import { expectNoMentions } from "../helpers/slack-safety.js";

const socket = new FakeSocketMode();
let h: SlackHarness;
beforeAll(async () => {
  await socket.start();
  h = await new SlackHarness({ socket }).start();
  await socket.connected();
});
afterAll(async () => {
  await h.close();
  await socket.close();
});
beforeEach(() => h.fake.clear());

const envelope = (eventId: string, event: Record<string, unknown>) => ({
  token: "t", team_id: "T1", api_app_id: "A1", type: "event_callback", event_id: eventId, event_time: Math.floor(Date.now() / 1000), event,
  authorizations: [{ team_id: "T1", user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
});

describe("Socket Mode", () => {
  it("connects through apps.connections.open and reports ready", async () => {
    expect(h.adapter.slack.mode).toBe("socket");
    expect(await h.adapter.ready()).toBe(true);
    expect(await h.adapter.slack.checks()).toEqual({ kb: true, storage: true, slack: true });
  });

  it("answers /aistack inside the ack, ephemerally", async () => {
    const ack = await socket.send("envCmd1", "slash_commands", {
      token: "t", team_id: "T1", channel_id: "C1", user_id: "U1", command: "/aistack", text: "timeline trainium <!channel>", response_url: h.fake.responseUrl("s1"), trigger_id: "1.2.3", api_app_id: "A1",
    });
    await h.adapter.slack.idle();
    expect(ack.payload).toMatchObject({ response_type: "ephemeral" });
    expect(String(ack.payload?.text).length).toBeGreaterThan(0);
    expect((ack.payload?.blocks as unknown[]).length).toBeGreaterThan(1);
    expectNoMentions(ack.payload);
  });

  it("answers a mention once, and not again when it is redelivered on the same or a new connection", async () => {
    const ts = "1700009999.000100";
    const mention = envelope("EvSock1", { type: "app_mention", channel: "C1", user: "U1", text: "<@UBOT> about anthropic", ts, event_ts: ts });
    await socket.send("envA", "events_api", mention);
    await h.adapter.slack.idle();
    expect(h.fake.callsOf("chat.postMessage")).toHaveLength(1);

    await socket.send("envA-retry", "events_api", mention, 1);
    await h.adapter.slack.idle();
    expect(h.fake.callsOf("chat.postMessage")).toHaveLength(1);

    // a new connection after a restart on the same database gets the same event again
    const before = socket.connections;
    await h.restart();
    await socket.connected();
    expect(socket.connections).toBe(before + 1);
    await socket.send("envA-again", "events_api", mention, 2);
    await h.adapter.slack.idle();
    expect(h.fake.callsOf("chat.postMessage")).toHaveLength(1);
  });
});
