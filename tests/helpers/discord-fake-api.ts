// A local fake of Discord's REST API on 127.0.0.1 for the real discord.js Client/REST to talk to. It records
// every request (method, path, query, JSON body) and answers like Discord: 204 without a body (and without a JSON
// content type) for interaction callbacks, a message object for channel messages and for edits (of a channel message,
// or of an interaction's reply through its webhook). A request with files is multipart as Discord takes it: the
// JSON in `payload_json` is recorded as the body, each `files[n]` part in `files`. Tests can override responses.
// Like Discord, it keeps the channel messages it created (served by GET /channels/:id/messages, without their nonce),
// and a message sent with `enforce_nonce` whose nonce the same author used in the past few minutes returns that
// message instead of creating another.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: any;
  /** a multipart request's file parts, by field name (files[0], …) */
  files?: RecordedFile[];
}

export interface RecordedFile {
  field: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type Responder = (req: RecordedRequest) => FakeResponse | undefined;

export const API_VERSION_PREFIX = "/api/v10";
export const BOT_USER = { id: "900000000000000001", username: "aistack", global_name: "aistack", discriminator: "0", bot: true, avatar: null };

const DISCORD_EPOCH = 1_420_070_400_000n;
let messageSeq = 0n;
/** A snowflake for now: the time in the top bits, so `after` queries work as on Discord. */
const snowflake = () => ((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) + (messageSeq++ % 4096n);
/** How long Discord remembers a nonce for enforce_nonce ("the past few minutes"). */
export const NONCE_WINDOW_MS = 5 * 60_000;

export interface StoredDiscordMessage {
  id: string;
  channel_id: string;
  nonce?: string;
  at: number;
  message: Record<string, unknown>;
}

export class FakeDiscordApi {
  readonly requests: RecordedRequest[] = [];
  /** channel messages created, oldest first */
  readonly messages: StoredDiscordMessage[] = [];
  /** channel message creations answer this late (the message is created at once): slower than the caller's timeout */
  postDelayMs = 0;
  private server: Server | undefined;
  private responders: Responder[] = [];
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/api`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** First matching responder wins; return undefined to fall through to the defaults. */
  respond(fn: Responder): void {
    this.responders.push(fn);
  }

  reset(): void {
    this.requests.length = 0;
    this.messages.length = 0;
    this.responders = [];
    this.postDelayMs = 0;
  }

  messagesIn(channelId: string): StoredDiscordMessage[] {
    return this.messages.filter((m) => m.channel_id === channelId);
  }

  /** Interaction callbacks received: { type, data } bodies. */
  callbacks(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === "POST" && /^\/interactions\/\d+\/[^/]+\/callback$/.test(r.path));
  }

  channelMessages(channelId?: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.path) && (!channelId || r.path === `/channels/${channelId}/messages`));
  }

  /** Edits of messages and of interaction replies (PATCH), in order. */
  edits(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === "PATCH" && (/^\/channels\/\d+\/messages\/\d+$/.test(r.path) || /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(r.path)));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => void this.answer(req, res, Buffer.concat(chunks)));
  }

  private async answer(req: IncomingMessage, res: ServerResponse, bytes: Buffer): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const raw = bytes.toString("utf8");
    const contentType = String(req.headers["content-type"] ?? "");
    let body: unknown = raw;
    let files: RecordedFile[] | undefined;
    if (raw && contentType.includes("application/json")) body = JSON.parse(raw);
    if (contentType.startsWith("multipart/form-data")) ({ body, files } = await readMultipart(bytes, contentType));
    // discord.js escapes "@original" as %40original; Discord reads both
    const pathname = decodeURIComponent(url.pathname);
    const path = pathname.startsWith(API_VERSION_PREFIX) ? pathname.slice(API_VERSION_PREFIX.length) : pathname;
    const recorded: RecordedRequest = { method: req.method ?? "GET", path, query: url.searchParams, headers: req.headers, body, ...(files ? { files } : {}) };
    this.requests.push(recorded);
    const answer = this.responders.map((r) => r(recorded)).find(Boolean) ?? this.defaultResponse(recorded);
    const send = () => {
      if (res.destroyed) return;
      const headers: Record<string, string> = { ...(answer.headers ?? {}) };
      if (answer.body !== undefined) headers["content-type"] = "application/json";
      res.writeHead(answer.status, headers);
      res.end(answer.body !== undefined ? JSON.stringify(answer.body) : undefined);
    };
    const created = req.method === "POST" && /^\/channels\/\d+\/messages$/.test(path);
    if (created && this.postDelayMs > 0) setTimeout(send, this.postDelayMs);
    else send();
  }

  private defaultResponse(r: RecordedRequest): FakeResponse {
    if (r.method === "POST" && r.path.endsWith("/callback")) return { status: 204 };
    const channel = r.path.match(/^\/channels\/(\d+)\/messages$/);
    if (r.method === "POST" && channel) {
      const b = (r.body ?? {}) as Record<string, unknown>;
      const nonce = b.nonce === undefined ? undefined : String(b.nonce);
      if (b.enforce_nonce && nonce !== undefined) {
        const seen = this.messages.find((m) => m.channel_id === channel[1] && m.nonce === nonce && Date.now() - m.at < NONCE_WINDOW_MS);
        if (seen) return { status: 200, body: { ...seen.message, nonce } };
      }
      const id = String(snowflake());
      const message = {
        id, channel_id: channel[1], type: b.message_reference ? 19 : 0, author: BOT_USER, content: b.content ?? "",
        timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [],
        attachments: [], embeds: b.embeds ?? [], components: b.components ?? [], pinned: false, flags: 0,
        ...(b.message_reference ? { message_reference: b.message_reference } : {}),
      };
      this.messages.push({ id, channel_id: channel[1]!, ...(nonce !== undefined ? { nonce } : {}), at: Date.now(), message });
      return { status: 200, body: { ...message, ...(nonce !== undefined ? { nonce } : {}) } };
    }
    const edited = r.path.match(/^\/channels\/(\d+)\/messages\/(\d+)$/) ?? r.path.match(/^\/webhooks\/\d+\/[^/]+\/messages\/(@original)$/);
    if (r.method === "PATCH" && edited) {
      const b = (r.body ?? {}) as Record<string, unknown>;
      const id = edited[2] ?? String(messageSeq++);
      const attachments = (r.files ?? []).map((f, i) => ({ id: String(messageSeq++), filename: f.name, size: f.bytes.length, content_type: f.contentType, url: `https://cdn.example/${id}/${f.name}`, proxy_url: `https://cdn.example/${id}/${f.name}`, ...((b.attachments as { description?: string }[] | undefined)?.[i]?.description ? { description: (b.attachments as { description: string }[])[i]!.description } : {}) }));
      return {
        status: 200,
        body: {
          id, channel_id: edited[2] ? edited[1] : "800000000000000010", type: 0, author: BOT_USER, content: b.content ?? "",
          timestamp: new Date(0).toISOString(), edited_timestamp: new Date(0).toISOString(), tts: false, mention_everyone: false, mentions: [], mention_roles: [],
          attachments, embeds: b.embeds ?? [], components: b.components ?? [], pinned: false, flags: 0,
        },
      };
    }
    if (r.method === "GET" && channel) {
      // newest first; with `after`, the oldest `limit` messages after that id (as Discord pages forward)
      const after = BigInt(r.query.get("after") ?? "0");
      const limit = Math.min(Number(r.query.get("limit") ?? 50), 100);
      const newer = this.messagesIn(channel[1]!).filter((m) => BigInt(m.id) > after).slice(0, limit).reverse();
      return { status: 200, body: newer.map((m) => m.message) };
    }
    if (r.method === "GET" && r.path === "/users/@me") return { status: 200, body: BOT_USER };
    if (r.method === "PUT" && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(r.path)) {
      return { status: 200, body: (r.body as { name: string }[]).map((c, i) => ({ ...c, id: String(1_000 + i), application_id: r.path.split("/")[2], version: "1" })) };
    }
    return { status: 404, body: { message: "404: Not Found", code: 0 } };
  }
}

/** A multipart body as discord.js sends it: the message JSON in `payload_json`, the files as `files[n]` parts. */
async function readMultipart(bytes: Buffer, contentType: string): Promise<{ body: unknown; files: RecordedFile[] }> {
  const form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
  const files: RecordedFile[] = [];
  let body: unknown = {};
  for (const [field, value] of form.entries()) {
    if (typeof value === "string") {
      if (field === "payload_json") body = JSON.parse(value);
    } else files.push({ field, name: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  return { body, files };
}

/** One fake Discord API for a test file: started before its tests, stopped after, reset before each test. */
export function useFakeDiscordApi(): FakeDiscordApi {
  const api = new FakeDiscordApi();
  beforeAll(async () => {
    await api.start();
  });
  afterAll(async () => {
    await api.stop();
  });
  beforeEach(() => api.reset());
  return api;
}
