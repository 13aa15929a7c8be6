// A local stand-in for Slack's Socket Mode endpoint: FakeSlackApi answers apps.connections.open with this
// server's ws:// URL; on connect it says hello, then the test sends envelopes and reads the app's acks.
// `ws` is the WebSocket library @slack/socket-mode itself uses.
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export interface Ack {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export class FakeSocketMode {
  private wss?: WebSocketServer;
  private current?: WebSocket;
  private readonly acks: Ack[] = [];
  private waiters: { id: string; resolve: (a: Ack) => void }[] = [];
  private connectedWaiters: (() => void)[] = [];
  connections = 0;
  url = "";

  async start(): Promise<this> {
    this.wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await new Promise<void>((resolve) => this.wss!.once("listening", () => resolve()));
    this.url = `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/link`;
    this.wss.on("connection", (ws) => {
      this.current = ws;
      this.connections++;
      ws.on("message", (data) => {
        const ack = JSON.parse(String(data)) as Ack;
        this.acks.push(ack);
        for (const w of this.waiters.filter((w) => w.id === ack.envelope_id)) w.resolve(ack);
        this.waiters = this.waiters.filter((w) => w.id !== ack.envelope_id);
      });
      ws.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A1" }, debug_info: { host: "fake", approximate_connection_time: 3600 } }));
      for (const w of this.connectedWaiters.splice(0)) w();
    });
    return this;
  }

  /** Resolves once a client is connected (now or later). */
  connected(): Promise<void> {
    return this.current && this.current.readyState === this.current.OPEN ? Promise.resolve() : new Promise((resolve) => this.connectedWaiters.push(resolve));
  }

  /** Sends an envelope and resolves with the app's ack for it. */
  send(envelopeId: string, type: "events_api" | "slash_commands" | "interactive", payload: unknown, retryAttempt = 0): Promise<Ack> {
    const got = new Promise<Ack>((resolve) => this.waiters.push({ id: envelopeId, resolve }));
    this.current!.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== "events_api", retry_attempt: retryAttempt, retry_reason: retryAttempt ? "timeout" : "" }));
    return got;
  }

  async close(): Promise<void> {
    for (const c of this.wss?.clients ?? []) c.terminate();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
  }
}
