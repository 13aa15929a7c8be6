// A minimal fake of Discord's gateway (JSON encoding, no compression) on 127.0.0.1, enough for a real
// `client.login()`: HELLO → IDENTIFY → READY, heartbeat ACKs, dispatching events, and a session RESUME after the
// server drops the connection (close code 4000), replaying events like Discord does after a reconnect.
// Uses the `ws` package that discord.js itself depends on (@discordjs/ws).
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { BOT_USER } from "./discord-fake-api.js";

export interface GatewayPayload { op: number; d?: any; s?: number | null; t?: string | null }

export class FakeDiscordGateway {
  private wss: WebSocketServer | undefined;
  private socket: WebSocket | undefined;
  private seq = 0;
  readonly received: GatewayPayload[] = [];
  readonly sessionId = "fake-session-1";
  url = "";
  private waiters: { op: number; resolve: (p: GatewayPayload) => void }[] = [];

  async start(): Promise<this> {
    this.wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => this.wss!.once("listening", () => resolve()));
    this.url = `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
    this.wss.on("connection", (socket) => {
      this.socket = socket;
      socket.on("message", (raw) => this.onMessage(socket, JSON.parse(String(raw)) as GatewayPayload));
      socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 60_000 }, s: null, t: null }));
    });
    return this;
  }

  async stop(): Promise<void> {
    for (const c of this.wss?.clients ?? []) c.terminate();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
  }

  /** Resolves with the next payload of this opcode the client sends (2 IDENTIFY, 6 RESUME, 1 heartbeat). */
  next(op: number): Promise<GatewayPayload> {
    return new Promise((resolve) => this.waiters.push({ op, resolve }));
  }

  /** Sends a dispatch event (op 0) with the next sequence number; returns that number. */
  dispatch(t: string, d: unknown): number {
    const s = ++this.seq;
    this.socket?.send(JSON.stringify({ op: 0, t, s, d }));
    return s;
  }

  /** Drops the connection with a resumable close code; the client reconnects and sends RESUME. */
  dropConnection(): void {
    this.socket?.close(4000, "fake gateway: unknown error");
  }

  /** /gateway/bot for the fake REST API */
  gatewayBot() {
    return { url: this.url, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } };
  }

  /** Called on RESUME: replays these events (as Discord does for missed ones) and then RESUMED. */
  onResume: () => { t: string; d: unknown }[] = () => [];

  private onMessage(socket: WebSocket, p: GatewayPayload): void {
    this.received.push(p);
    for (const w of this.waiters.filter((x) => x.op === p.op)) w.resolve(p);
    this.waiters = this.waiters.filter((x) => x.op !== p.op);
    if (p.op === 1) socket.send(JSON.stringify({ op: 11, s: null, t: null }));
    if (p.op === 2) {
      this.dispatch("READY", {
        v: 10, user: BOT_USER, guilds: [], session_id: this.sessionId, resume_gateway_url: this.url, shard: [0, 1],
        application: { id: BOT_USER.id, flags: 0 }, private_channels: [], relationships: [], user_settings: {}, presences: [],
      });
    }
    if (p.op === 6) {
      for (const e of this.onResume()) this.dispatch(e.t, e.d);
      this.dispatch("RESUMED", null);
    }
  }
}
