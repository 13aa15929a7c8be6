// The HTTP edge in front of Bolt (src/app/http-guard.ts) on the real Slack adapter: signed bodies that are not a JSON
// object (`null`, `payload=null`) get 400 and the process keeps serving (they crashed Bolt's receiver); a body whose
// declared size passes the cap is refused from its headers alone, before anything is buffered; a connection that
// drips its headers is closed by the server; HOST picks the bind address.
import { connect, type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { startHealthServer } from "../../src/app/health.js";
import { HTTP_LIMITS } from "../../src/app/http-guard.js";
import { loadConfig } from "../../src/config.js";
import { ConfigError } from "../../src/errors.js";
import { useSlackHarness } from "../helpers/slack-harness.js";

const h = useSlackHarness();

/** Sends raw bytes and resolves with everything the server answered once it closes the connection (or after `ms`). */
function rawExchange(port: number, data: string, ms: number): Promise<{ answer: string; closedByServer: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ answer, closedByServer: false });
    }, ms);
    socket.setEncoding("utf8").on("data", (d: string) => (answer += d));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ answer, closedByServer: true });
    });
    socket.write(data);
  });
}

describe("bodies that are not a JSON object", () => {
  it("a signed JSON `null` gets 400, and the app keeps answering", async () => {
    const r = await h.post("/slack/events", "null", "application/json");
    expect(r.status).toBe(400);
    expect((await h.command("who makes trainium?")).text).toMatch(/Trainium/);
  });

  it("a signed form `payload=null` gets 400, and the app keeps answering", async () => {
    // the field's name may be %-escaped: querystring decodes it, and so does Bolt
    for (const body of ["payload=null", "payload=42", "payload=%5B%5D", "a=1&payloa%64=null", "%70ayload=7"]) expect((await h.post("/slack/events", body, "application/x-www-form-urlencoded")).status).toBe(400);
    expect((await h.command("help")).status).toBe(200);
  });
});

describe("size and time limits", { timeout: 60_000 }, () => {
  it("a declared body over the cap is refused with 413 from its headers, before any of it is sent", async () => {
    const port = Number(new URL(h.url).port);
    const declared = HTTP_LIMITS.maxBodyBytes * 2; // under Bolt's old 4 MB: it used to wait for all of it
    const head = `POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\nX-Slack-Request-Timestamp: ${Math.floor(Date.now() / 1000)}\r\n\r\n`;
    const { answer } = await rawExchange(port, head, 5_000);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
  });

  it("a body that outgrows the cap while streaming is cut off with 413", async () => {
    const big = "x".repeat(HTTP_LIMITS.maxBodyBytes + 1);
    const res = await fetch(`${h.url}/slack/events`, { method: "POST", headers: { "content-type": "application/json", "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)) }, body: new Blob([big]).stream(), duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
  });

  it("a connection that never finishes its headers is closed by the server", async () => {
    const port = Number(new URL(h.url).port);
    // headersTimeout plus the server's check interval, with margin; Node's defaults held such a connection for 60 s
    const { answer, closedByServer } = await rawExchange(port, "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n", HTTP_LIMITS.headersTimeoutMs + 10_000);
    expect(closedByServer).toBe(true);
    expect(answer).toMatch(/^HTTP\/1\.1 408|^$/);
  });
});

describe("HOST", () => {
  it("binds the health server to the given address", async () => {
    const config = loadConfig({ HOST: "127.0.0.1", PORT: "0" });
    const server = await startHealthServer(config.PORT, {}, [], config.HOST);
    try {
      expect((server.address() as AddressInfo).address).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });

  it("a malformed HOST names the variable", () => {
    expect(() => loadConfig({ HOST: "not a host!" })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: "not a host!" })).toThrow(/HOST/);
  });
});
