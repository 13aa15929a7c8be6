// A local stand-in for Slack's Web API (http://127.0.0.1:PORT/api/<method>) and for response_url posts
// (http://127.0.0.1:PORT/respond/<id>). It records every call with its decoded arguments and can be told to
// fail the next call of a method: `ratelimited` (429 + Retry-After) or a platform error such as channel_not_found.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedCall {
  /** Web API method ("chat.postMessage"), or "respond" for a response_url post */
  method: string;
  args: Record<string, unknown>;
  /** the response_url id for "respond" */
  target?: string;
}

type Failure =
  | { kind: "ratelimited"; retryAfter: number }
  | { kind: "error"; error: string }
  | { kind: "http"; status: number }
  /** the connection is destroyed without a response (ECONNRESET on the client) */
  | { kind: "reset" }
  /** 200 with a body that is not JSON */
  | { kind: "malformed" }
  /** no response for this long (longer than the client's timeout makes it a timeout) */
  | { kind: "hang"; ms: number };

type Handled = { status: number; headers?: Record<string, string>; body: unknown; raw?: string; reset?: boolean };

export interface Hold {
  /** resolves when a held call has arrived (fully read) */
  arrived: Promise<RecordedCall>;
  /** lets the held call (and any later ones) answer normally */
  release(): void;
}

export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  private readonly failures = new Map<string, Failure[]>();
  private readonly holds = new Map<string, { gate: Promise<void>; arrived: (c: RecordedCall) => void }>();
  private server?: Server;
  url = "";
  bot = { userId: "UBOT", botId: "BBOT", teamId: "T1" };
  /** what apps.connections.open returns (Socket Mode): set to a FakeSocketMode url */
  socketUrl = "";
  /** users.info answers: users listed here are workspace admins */
  admins = new Set<string>();
  /** users.conversations answers: the channels each user is in (two per page, so paging is exercised) */
  memberships = new Map<string, string[]>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, headers, body, raw, reset }) => {
        if (reset) return req.socket.destroy();
        if (res.destroyed) return;
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(raw ?? JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/respond/${id}`;
  }

  /** The next call of `method` fails this way (queue several by calling again). */
  failNext(method: string, failure: Failure): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), failure]);
  }

  /** Calls of `method` are recorded, then wait without answering until release() (a stalled Slack). */
  hold(method: string): Hold {
    let release!: () => void;
    let arrived!: (c: RecordedCall) => void;
    const gate = new Promise<void>((r) => (release = r));
    const got = new Promise<RecordedCall>((r) => (arrived = r));
    this.holds.set(method, { gate, arrived });
    return {
      arrived: got,
      release: () => {
        this.holds.delete(method);
        release();
      },
    };
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages the bot made visible or ephemeral: posts and response_url replies. */
  replies(): RecordedCall[] {
    return this.calls.filter((c) => c.method === "chat.postMessage" || c.method === "chat.postEphemeral" || c.method === "respond");
  }

  clear(): void {
    this.calls.length = 0;
  }

  async close(): Promise<void> {
    for (const h of this.holds.values()) h.arrived({ method: "closed", args: {} });
    this.holds.clear();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage): Promise<Handled> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const respond = path.match(/^\/respond\/([\w-]+)$/);
    if (respond) {
      this.calls.push({ method: "respond", target: respond[1], args: JSON.parse(raw || "{}") as Record<string, unknown> });
      return { status: 200, body: { ok: true } };
    }
    const m = path.match(/^\/api\/([\w.]+)$/);
    if (!m) return { status: 404, body: { ok: false, error: "unknown_path" } };
    const method = m[1]!;
    const args = decodeArgs(raw, String(req.headers["content-type"] ?? ""));
    const call = { method, args };
    this.calls.push(call);
    const hold = this.holds.get(method);
    if (hold) {
      hold.arrived(call);
      await hold.gate;
    }
    const failure = this.failures.get(method)?.shift();
    if (failure?.kind === "reset") return { status: 0, body: null, reset: true };
    if (failure?.kind === "malformed") return { status: 200, body: null, raw: "<html>502 Bad Gateway</html>{not json" };
    if (failure?.kind === "hang") await new Promise((r) => setTimeout(r, failure.ms));
    if (failure?.kind === "ratelimited") return { status: 429, headers: { "retry-after": String(failure.retryAfter) }, body: { ok: false, error: "ratelimited" } };
    if (failure?.kind === "error") return { status: 200, body: { ok: false, error: failure.error } };
    if (failure?.kind === "http") return { status: failure.status, body: { ok: false } };
    switch (method) {
      case "auth.test":
        return { status: 200, body: { ok: true, user_id: this.bot.userId, bot_id: this.bot.botId, team_id: this.bot.teamId, user: "aistack", team: "Test" } };
      case "apps.connections.open":
        return { status: 200, body: this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: "socket_mode_not_configured" } };
      case "chat.postMessage":
        return { status: 200, body: { ok: true, channel: args.channel, ts: `1700000000.${String(this.calls.length).padStart(6, "0")}` } };
      case "users.conversations": {
        const all = this.memberships.get(String(args.user)) ?? [];
        const from = Number(args.cursor ?? 0);
        const next = from + 2 < all.length ? String(from + 2) : "";
        return { status: 200, body: { ok: true, channels: all.slice(from, from + 2).map((id) => ({ id })), response_metadata: { next_cursor: next } } };
      }
      case "users.info": {
        const id = String(args.user);
        return { status: 200, body: { ok: true, user: { id, is_admin: this.admins.has(id), is_owner: false, tz: "Europe/Berlin" } } };
      }
      default:
        return { status: 200, body: { ok: true } };
    }
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** WebClient sends form fields, with blocks/views as JSON strings; some calls send JSON. */
function decodeArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes("json")) return JSON.parse(raw || "{}") as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
