// Builds requests exactly as Slack signs them: X-Slack-Signature = "v0=" + HMAC-SHA256(secret, "v0:{ts}:{body}").
import { createHmac } from "node:crypto";

export const TEST_SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return "v0=" + createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
}

export interface SignOptions {
  secret?: string;
  /** seconds since the epoch; default now */
  timestamp?: number;
}

export function signedHeaders(body: string, contentType: string, opts: SignOptions = {}): Record<string, string> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    "content-type": contentType,
    "x-slack-request-timestamp": String(ts),
    "x-slack-signature": slackSignature(opts.secret ?? TEST_SIGNING_SECRET, ts, body),
  };
}

/** A slash command as Slack posts it (form-encoded). */
export function slashCommandBody(fields: { text: string; user?: string; channel?: string; team?: string; responseUrl: string }): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: fields.team ?? "T1",
    team_domain: "test",
    channel_id: fields.channel ?? "C1",
    channel_name: "general",
    user_id: fields.user ?? "U1",
    user_name: "ada",
    command: "/aistack",
    text: fields.text,
    api_app_id: "A1",
    response_url: fields.responseUrl,
    trigger_id: "123.456.abc",
  }).toString();
}

/** An Events API envelope (JSON). */
export function eventBody(event: Record<string, unknown>, eventId: string, team = "T1"): string {
  return JSON.stringify({
    token: "legacy-verification-token",
    team_id: team,
    api_app_id: "A1",
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
    authorizations: [{ team_id: team, user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
  });
}

/** A block_actions interaction (form field `payload`). */
/** A block_actions payload. `triggerId` is unique per press on Slack; the same one again is a replay of that press. */
export function blockActionBody(fields: { actionId: string; value: string; user?: string; channel?: string; team?: string; responseUrl: string; triggerId: string; ephemeral?: boolean }): string {
  const payload = {
    type: "block_actions",
    team: { id: fields.team ?? "T1", domain: "test" },
    user: { id: fields.user ?? "U1", username: "ada", team_id: fields.team ?? "T1" },
    api_app_id: "A1",
    token: "legacy-verification-token",
    container: { type: "message", message_ts: "1700000000.000100", channel_id: fields.channel ?? "C1", is_ephemeral: fields.ephemeral ?? true },
    trigger_id: fields.triggerId,
    channel: { id: fields.channel ?? "C1", name: "general" },
    response_url: fields.responseUrl,
    actions: [{ type: "button", action_id: fields.actionId, block_id: "aistack_buttons", value: fields.value, text: { type: "plain_text", text: "x" }, action_ts: "1700000001.000000" }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
