// A local stand-in for Slack's Web API (http://127.0.0.1:PORT/api/<method>) and for response_url posts
// (http://127.0.0.1:PORT/respond/<id>). It records every call with its decoded arguments and can be told to
// fail the next call of a method: `ratelimited` (429 + Retry-After) or a platform error such as channel_not_found.
// File uploads work as Slack's do: files.getUploadURLExternal (filename and length required) hands out an upload
// URL (http://127.0.0.1:PORT/upload/<file id>, recorded as method "upload"), the bytes are POSTed there (raw or
// multipart, as the WebClient sends them), and files.completeUploadExternal shares uploaded files into a channel.
// Like Slack, it stores each posted message (with its metadata) as it arrives, whether or not the answer reaches the
// caller, and serves them back through conversations.history (metadata only with include_all_metadata).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedCall {
  /** Web API method ("chat.postMessage"), or "respond" for a response_url post */
  method: string;
  args: Record<string, unknown>;
  /** the response_url id for "respond" */
  target?: string;
  /** the bearer token the call carried (Authorization header), if any */
  token?: string;
}

/** A workspace that can install the app: oauth.v2.access exchanges its code for this bot token and user. */
export interface FakeWorkspace {
  teamId: string;
  code: string;
  botToken: string;
  botUserId: string;
  botId: string;
  installer: string;
}

type Failure =
  | { kind: "ratelimited"; retryAfter: number }
  | { kind: "error"; error: string }
  | { kind: "http"; status: number }
  /** the connection is destroyed without a response (ECONNRESET on the client) */
  | { kind: "reset" }
  /** 200 with a body that is not JSON */
  | { kind: "malformed" }
  /** no response for this long (longer than the client's timeout makes it a timeout); the message is stored */
  | { kind: "hang"; ms: number };

/** A file as the fake holds it: announced by getUploadURLExternal, its bytes once uploaded, where it was shared. */
export interface FakeFile {
  id: string;
  filename: string;
  length: number;
  altText?: string;
  bytes?: Buffer;
  title?: string;
  channel?: string;
  thread?: string;
}

/** A message Slack stored: what conversations.history serves. */
export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

type Handled = { status: number; headers?: Record<string, string>; body: unknown; raw?: string; reset?: boolean };

export interface Hold {
  /** resolves when a held call has arrived (fully read) */
  arrived: Promise<RecordedCall>;
  /** lets the held call (and any later ones) answer normally */
  release(): void;
}

export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  /** every message stored by chat.postMessage, oldest first */
  readonly messages: StoredMessage[] = [];
  /** every chat.postMessage answers this late (the message is stored at once): slower than the caller's timeout */
  postDelayMs = 0;
  /** every response_url post answers this late (a hung response_url) */
  respondDelayMs = 0;
  private seq = 0;
  private readonly failures = new Map<string, Failure[]>();
  private readonly holds = new Map<string, { gate: Promise<void>; arrived: (c: RecordedCall) => void }>();
  private server?: Server;
  url = "";
  bot = { userId: "UBOT", botId: "BBOT", teamId: "T1" };
  /** what apps.connections.open returns (Socket Mode): set to a FakeSocketMode url */
  socketUrl = "";
  /** users.info answers: users listed here are workspace admins */
  admins = new Set<string>();
  /** OAuth: workspaces whose install codes oauth.v2.access accepts, by code */
  readonly workspaces = new Map<string, FakeWorkspace>();
  /** the client id and secret oauth.v2.access expects */
  oauthClient = { id: "1111.2222", secret: "fake-client-secret" };

  /** A workspace that can install the app (through the OAuth flow with `code`). */
  addWorkspace(teamId: string): FakeWorkspace {
    const ws = { teamId, code: `code-${teamId}`, botToken: `xoxb-${teamId}-secret-bot-token`, botUserId: `UBOT${teamId}`, botId: `BBOT${teamId}`, installer: `UADMIN${teamId}` };
    this.workspaces.set(ws.code, ws);
    return ws;
  }

  /** Calls that carried this token. */
  callsWith(token: string): RecordedCall[] {
    return this.calls.filter((c) => c.token === token);
  }
  /** every file announced, by id */
  readonly files = new Map<string, FakeFile>();
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

  /** Files a successful files.completeUploadExternal shared into a conversation, in order. */
  sharedFiles(): FakeFile[] {
    return [...this.files.values()].filter((f) => f.channel);
  }

  clear(): void {
    this.calls.length = 0;
    this.files.clear();
    this.messages.length = 0;
  }

  /** Messages stored in a channel (digests and replies). */
  messagesIn(channel: string): StoredMessage[] {
    return this.messages.filter((m) => m.channel === channel);
  }

  async close(): Promise<void> {
    for (const h of this.holds.values()) h.arrived({ method: "closed", args: {} });
    this.holds.clear();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage): Promise<Handled> {
    const bytes = await readBody(req);
    const raw = bytes.toString("utf8");
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const upload = path.match(/^\/upload\/(F\w+)$/);
    if (upload) return this.receiveUpload(upload[1]!, bytes, String(req.headers["content-type"] ?? ""));
    const respond = path.match(/^\/respond\/([\w-]+)$/);
    if (respond) {
      this.calls.push({ method: "respond", target: respond[1], args: JSON.parse(raw || "{}") as Record<string, unknown> });
      if (this.respondDelayMs > 0) await new Promise((r) => setTimeout(r, this.respondDelayMs));
      return { status: 200, body: { ok: true } };
    }
    const m = path.match(/^\/api\/([\w.]+)$/);
    if (!m) return { status: 404, body: { ok: false, error: "unknown_path" } };
    const method = m[1]!;
    const args = decodeArgs(raw, String(req.headers["content-type"] ?? ""));
    const bearer = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ""))?.[1];
    const call: RecordedCall = { method, args, ...(bearer ? { token: bearer } : {}) };
    this.calls.push(call);
    const hold = this.holds.get(method);
    if (hold) {
      hold.arrived(call);
      await hold.gate;
    }
    const failure = this.failures.get(method)?.shift();
    // Slack stores a message it accepted before answering; a refusal (429, an error) stores nothing
    let stored: StoredMessage | undefined;
    if (method === "chat.postMessage" && (!failure || failure.kind === "hang")) stored = this.store(args);
    if (stored && this.postDelayMs > 0) await new Promise((r) => setTimeout(r, this.postDelayMs));
    if (failure?.kind === "reset") return { status: 0, body: null, reset: true };
    if (failure?.kind === "malformed") return { status: 200, body: null, raw: "<html>502 Bad Gateway</html>{not json" };
    if (failure?.kind === "hang") await new Promise((r) => setTimeout(r, failure.ms));
    if (failure?.kind === "ratelimited") return { status: 429, headers: { "retry-after": String(failure.retryAfter) }, body: { ok: false, error: "ratelimited" } };
    if (failure?.kind === "error") return { status: 200, body: { ok: false, error: failure.error } };
    if (failure?.kind === "http") return { status: failure.status, body: { ok: false } };
    switch (method) {
      case "oauth.v2.access": {
        const ws = this.workspaces.get(String(args.code));
        if (args.client_id !== this.oauthClient.id || args.client_secret !== this.oauthClient.secret) return { status: 200, body: { ok: false, error: "invalid_client_id" } };
        if (!ws) return { status: 200, body: { ok: false, error: "invalid_code" } };
        return {
          status: 200,
          body: {
            ok: true, app_id: "A1", authed_user: { id: ws.installer }, scope: String(args.scope ?? "commands,chat:write"), token_type: "bot",
            access_token: ws.botToken, bot_user_id: ws.botUserId, team: { id: ws.teamId, name: `Team ${ws.teamId}` }, enterprise: null, is_enterprise_install: false,
          },
        };
      }
      case "auth.test": {
        const ws = [...this.workspaces.values()].find((w) => w.botToken === bearer);
        if (ws) return { status: 200, body: { ok: true, user_id: ws.botUserId, bot_id: ws.botId, team_id: ws.teamId, user: "aistack", team: `Team ${ws.teamId}` } };
        return { status: 200, body: { ok: true, user_id: this.bot.userId, bot_id: this.bot.botId, team_id: this.bot.teamId, user: "aistack", team: "Test" } };
      }
      case "apps.connections.open":
        return { status: 200, body: this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: "socket_mode_not_configured" } };
      case "chat.postMessage":
        return { status: 200, body: { ok: true, channel: args.channel, ts: stored?.ts } };
      case "conversations.history":
        return { status: 200, body: this.history(args) };
      case "files.getUploadURLExternal": {
        const length = Number(args.length);
        if (typeof args.filename !== "string" || !args.filename || !Number.isInteger(length) || length < 1) return { status: 200, body: { ok: false, error: "invalid_arguments" } };
        const id = `F${String(this.files.size + 1).padStart(8, "0")}`;
        this.files.set(id, { id, filename: args.filename, length, ...(typeof args.alt_text === "string" ? { altText: args.alt_text } : {}) });
        return { status: 200, body: { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id } };
      }
      case "files.completeUploadExternal":
        return this.completeUpload(args);
      case "conversations.open":
        return { status: 200, body: { ok: true, channel: { id: `D${String(args.users).replace(/^U/, "")}` } } };
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

  /** The upload POST: the bytes (a multipart form's file part, or the raw body) must be the length announced. */
  private async receiveUpload(id: string, body: Buffer, contentType: string): Promise<Handled> {
    let bytes = body;
    if (contentType.startsWith("multipart/form-data")) {
      const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
      const part = [...form.values()].find((v): v is File => typeof v !== "string");
      bytes = part ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
    }
    this.calls.push({ method: "upload", target: id, args: { length: bytes.length } });
    const file = this.files.get(id);
    if (!file || bytes.length !== file.length) return { status: 400, body: null, raw: "Bad Request" };
    file.bytes = bytes;
    return { status: 200, body: null, raw: `OK - ${bytes.length}` };
  }

  /** files.completeUploadExternal: every file must have been uploaded; a channel_id shares them there. */
  private completeUpload(args: Record<string, unknown>): Handled {
    const listed = Array.isArray(args.files) ? (args.files as { id?: string; title?: string }[]) : [];
    const files = listed.map((f) => (f.id ? this.files.get(f.id) : undefined));
    if (!listed.length || files.some((f) => !f?.bytes)) return { status: 200, body: { ok: false, error: "file_not_found" } };
    for (const [i, f] of files.entries()) {
      if (listed[i]!.title) f!.title = listed[i]!.title;
      if (typeof args.channel_id === "string") f!.channel = args.channel_id;
      if (typeof args.thread_ts === "string") f!.thread = args.thread_ts;
    }
    return { status: 200, body: { ok: true, files: files.map((f) => ({ id: f!.id, title: f!.title ?? f!.filename })) } };
  }

  private store(args: Record<string, unknown>): StoredMessage {
    // ts: epoch seconds and a sequence number, increasing like Slack's
    const ts = `${Math.floor(Date.now() / 1000)}.${String(++this.seq % 1_000_000).padStart(6, "0")}`;
    const metadata = args.metadata as StoredMessage["metadata"] | undefined;
    const message: StoredMessage = { channel: String(args.channel), ts, text: String(args.text ?? ""), ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}), ...(metadata ? { metadata } : {}) };
    this.messages.push(message);
    return message;
  }

  /** conversations.history: newest first, after `oldest`, `limit` a page with a cursor (an offset here). */
  private history(args: Record<string, unknown>) {
    const oldest = Number(args.oldest ?? 0);
    const limit = Math.min(Number(args.limit ?? 100), 999);
    const from = Number(args.cursor ?? 0) || 0;
    const withMeta = args.include_all_metadata === true || args.include_all_metadata === "true";
    const all = this.messages.filter((m) => m.channel === String(args.channel) && Number(m.ts) > oldest).reverse();
    const page = all.slice(from, from + limit).map(({ metadata, ...m }) => ({ type: "message", ...m, ...(withMeta && metadata ? { metadata } : {}) }));
    const more = from + limit < all.length;
    return { ok: true, messages: page, has_more: more, response_metadata: { next_cursor: more ? String(from + limit) : "" } };
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
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
