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

type Failure = { kind: "ratelimited"; retryAfter: number } | { kind: "error"; error: string } | { kind: "http"; status: number };

export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  private readonly failures = new Map<string, Failure[]>();
  private server?: Server;
  url = "";
  bot = { userId: "UBOT", botId: "BBOT", teamId: "T1" };
  /** what apps.connections.open returns (Socket Mode): set to a FakeSocketMode url */
  socketUrl = "";
  /** users.info answers: users listed here are workspace admins */
  admins = new Set<string>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, headers, body }) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(body));
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
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; headers?: Record<string, string>; body: unknown }> {
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
    this.calls.push({ method, args });
    const failure = this.failures.get(method)?.shift();
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
