// GET /healthz (process up) and GET /readyz (knowledge base loaded, storage open, each platform connected),
// for runs where Slack's HTTP receiver does not already serve them (Socket-Mode-less Discord-only runs).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { serverTimeouts } from "./http-guard.js";

/** More routes on the same server (POST /discord/interactions). */
export interface ExtraRoute {
  path: string;
  method: string;
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/** A readiness check may ask the database, so it may be async; a check that throws or rejects counts as not ready. */
export type ReadinessCheck = () => boolean | Promise<boolean>;

export async function readiness(checks: Record<string, ReadinessCheck>): Promise<{ ready: boolean; checks: Record<string, boolean> }> {
  const entries = await Promise.all(Object.entries(checks).map(async ([name, check]) => [name, await safe(check)] as const));
  const results = Object.fromEntries(entries);
  return { ready: Object.values(results).every(Boolean), checks: results };
}

async function safe(check: ReadinessCheck): Promise<boolean> {
  try {
    return await check();
  } catch {
    return false;
  }
}

/** Listens on `port` (0: any free one) at `host` (HOST; default every interface), with `routes` beside the checks. */
export function startHealthServer(port: number, checks: Record<string, ReadinessCheck>, routes: readonly ExtraRoute[] = [], host?: string): Promise<Server> {
  const server = createServer(serverTimeouts(), (req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const route = routes.find((r) => r.path === path && r.method === req.method);
    if (route) return route.handler(req, res);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && req.url === "/healthz") return send(200, { status: "ok" });
    if (req.method === "GET" && req.url === "/readyz") {
      void readiness(checks).then((r) => send(r.ready ? 200 : 503, { status: r.ready ? "ready" : "not ready", checks: r.checks }));
      return;
    }
    send(404, { error: "not found" });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port, ...(host ? { host } : {}) }, () => resolve(server));
  });
}
