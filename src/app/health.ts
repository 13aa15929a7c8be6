// GET /healthz (process up) and GET /readyz (knowledge base loaded, storage open, each platform connected),
// for runs where Slack's HTTP receiver does not already serve them (Socket-Mode-less Discord-only runs).
import { createServer, type Server } from "node:http";

export type ReadinessCheck = () => boolean;

export function readiness(checks: Record<string, ReadinessCheck>): { ready: boolean; checks: Record<string, boolean> } {
  const results = Object.fromEntries(Object.entries(checks).map(([name, check]) => [name, safe(check)]));
  return { ready: Object.values(results).every(Boolean), checks: results };
}

const safe = (check: ReadinessCheck) => {
  try {
    return check();
  } catch {
    return false;
  }
};

export function startHealthServer(port: number, checks: Record<string, ReadinessCheck>): Promise<Server> {
  const server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && req.url === "/healthz") return send(200, { status: "ok" });
    if (req.method === "GET" && req.url === "/readyz") {
      const r = readiness(checks);
      return send(r.ready ? 200 : 503, { status: r.ready ? "ready" : "not ready", checks: r.checks });
    }
    send(404, { error: "not found" });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve(server));
  });
}
