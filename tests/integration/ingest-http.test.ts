// ingest against a local WordPress REST API (127.0.0.1): one post, a paged list since a date, a modified post,
// and every bad-input case, each named in one error with nothing written.
import { existsSync, readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { IngestError } from "../../src/ingest/errors.js";
import { ingest, type IngestOptions } from "../../src/ingest/ingest.js";
import { draftsPath } from "../../src/ingest/drafts-file.js";
import { copyOfData, snapshot } from "../helpers/kb-copy.js";
import { json, startWordpressServer, wordpressPost, type WordpressServer } from "../helpers/wordpress-server.js";

const ARTICLE = `<h2>Chips</h2><p>AWS announced Trainium3 in December 2025, and Amazon said Anthropic would be its first customer.</p>
<p><strong>Money:</strong> Amazon invested $2.5 billion in a new data center region in Q3 2025. The region opened in the second half of 2025.</p>
<script>document.write("tracking")</script><iframe src="https://video.example.invalid/x"></iframe>
<p>Read <a href="https://elsewhere.example.invalid/story">the story</a> for AMD’s view of the Instinct MI300 roadmap in mid-2025.</p>`;

/** Fast settings for tests: short timeout, two attempts, 10 ms backoff. */
const FAST = { timeoutMs: 300, attempts: 2, retryMinDelayMs: 10, maxBytes: 200_000 };

let wp: WordpressServer;
let data: ReturnType<typeof copyOfData>;
let opts: IngestOptions;

beforeAll(async () => {
  wp = await startWordpressServer();
});
afterAll(async () => {
  await wp.close();
});
beforeEach(() => {
  data = copyOfData();
  opts = { dataDir: data.dir, http: FAST, now: () => new Date("2026-01-05T10:00:00Z") };
  wp.posts.clear();
  wp.routes.clear();
  wp.requests.length = 0;
});
afterEach(() => data.remove());

async function failure(run: () => Promise<unknown>): Promise<IngestError> {
  try {
    await run();
  } catch (err) {
    expect(err).toBeInstanceOf(IngestError);
    return err as IngestError;
  }
  throw new Error("ingest succeeded");
}

describe("one post by URL", () => {
  it("writes drafts with provenance, ignores scripts and iframes, and fetches nothing but the post", async () => {
    wp.posts.set(101, wordpressPost(101, "2026-01-02T08:00:00", "Chips &amp; money", ARTICLE, wp.base));
    const [report] = await ingest({ kind: "url", url: `${wp.base}/wp-json/wp/v2/posts/101` }, opts);
    expect(report!.written).toBe(true);
    expect(report!.sourceId).toBe("news-example-com-101");
    const doc = parse(readFileSync(report!.draftFile, "utf8"));
    expect(doc.source.title).toBe("Chips & money");
    expect(doc.source.provenance).toMatchObject({ post_id: 101, author: "Dana Reporter", published_at: "2026-01-02T08:00:00Z", fetched_at: "2026-01-05T10:00:00.000Z", extractor: expect.stringMatching(/^aistack-ingest\//) });
    expect(doc.source.provenance.content_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const text = readFileSync(report!.draftFile, "utf8");
    expect(text).not.toContain("tracking");
    expect(text).not.toContain("video.example.invalid");
    expect(wp.requests).toEqual(["/wp-json/wp/v2/posts/101?_embed=author"]);
    const byQuote = (s: string) => doc.drafts.find((d: { quote: string }) => d.quote.includes(s));
    expect(byQuote("Trainium3").statement).toMatchObject({ predicate: "announced", date: "2025-12" });
    expect(byQuote("$2.5 billion").statement).toMatchObject({ subject: "amazon", predicate: "invested_in", date: "2025-Q3", qualifiers: { amount: 2.5e9, currency: "USD" } });
    expect(byQuote("second half").date_precision).toBe("half");
    expect(byQuote("mid-2025").statement.date).toBe("mid-2025");
    expect(report).toMatchObject({ drafts: doc.drafts.length, dated: 4, withAmounts: 1 });
  });

  it("says nothing new for an unchanged post and writes nothing", async () => {
    wp.posts.set(101, wordpressPost(101, "2026-01-02T08:00:00", "Chips", ARTICLE, wp.base));
    await ingest({ kind: "url", url: `${wp.base}/wp-json/wp/v2/posts/101` }, opts);
    const before = snapshot(data.dir);
    const [again] = await ingest({ kind: "url", url: `${wp.base}/wp-json/wp/v2/posts/101` }, opts);
    expect(again!.written).toBe(false);
    expect(again!.reason).toMatch(/^nothing new/);
    expect(snapshot(data.dir)).toEqual(before);
  });

  it("drafts only the changed sentences of a modified post", async () => {
    const url = `${wp.base}/wp-json/wp/v2/posts/101`;
    wp.posts.set(101, wordpressPost(101, "2026-01-02T08:00:00", "Chips", ARTICLE, wp.base));
    const [first] = await ingest({ kind: "url", url }, opts);
    const firstIds = parse(readFileSync(first!.draftFile, "utf8")).drafts.map((d: { id: string }) => d.id);
    const changed = ARTICLE.replace("$2.5 billion", "$3 billion") + "<p>AMD said its MI400 accelerators would ship in 2026.</p>";
    wp.posts.set(101, wordpressPost(101, "2026-01-02T08:00:00", "Chips", changed, wp.base, { modified: "2026-01-04T09:00:00", modified_gmt: "2026-01-04T09:00:00" }));
    const [second] = await ingest({ kind: "url", url }, opts);
    expect(second!.written).toBe(true);
    expect(second!.drafts).toBe(2);
    const doc = parse(readFileSync(second!.draftFile, "utf8"));
    const fresh = doc.drafts.filter((d: { id: string }) => !firstIds.includes(d.id)).map((d: { quote: string }) => d.quote);
    expect(fresh).toEqual([expect.stringContaining("$3 billion"), expect.stringContaining("MI400")]);
    expect(doc.source.provenance.modified_at).toBe("2026-01-04T09:00:00Z");
  });
});

describe("a site since a date", () => {
  it("pages through /wp-json/wp/v2/posts with X-WP-TotalPages and drafts each post", async () => {
    for (const [id, day] of [[1, "2025-05-30"], [2, "2025-06-02"], [3, "2025-06-03"], [4, "2025-06-10"], [5, "2025-06-20"]] as const) {
      wp.posts.set(id, wordpressPost(id, `${day}T10:00:00`, `Post ${id}`, `<p>AWS said on ${day} that Trainium2 capacity grew in Q2 2025 for Anthropic (post ${id}).</p>`, wp.base));
    }
    const reports = await ingest({ kind: "site", site: wp.base, since: "2025-06-01" }, opts);
    expect(reports.map((r) => r.sourceId)).toEqual(["news-example-com-2", "news-example-com-3", "news-example-com-4", "news-example-com-5"]);
    expect(wp.requests.map((r) => new URL(r, wp.base).searchParams.get("page"))).toEqual(["1", "2"]);
    expect(new URL(wp.requests[0]!, wp.base).searchParams.get("after")).toBe("2025-06-01T00:00:00");
    for (const r of reports) expect(existsSync(r.draftFile)).toBe(true);
  });

  it("writes nothing when a later page fails", async () => {
    for (const id of [1, 2, 3]) wp.posts.set(id, wordpressPost(id, `2025-06-0${id}T10:00:00`, `Post ${id}`, `<p>AWS expanded Trainium2 capacity for Anthropic in June 2025 (post ${id}).</p>`, wp.base));
    const list = "/wp-json/wp/v2/posts";
    wp.routes.set(list, (_req, res, url) => (url.searchParams.get("page") === "2" ? json(res, 404, { code: "rest_post_invalid_page_number" }) : json(res, 200, [...wp.posts.values()].slice(0, 2), { "X-WP-TotalPages": "2" })));
    const before = snapshot(data.dir);
    const err = await failure(() => ingest({ kind: "site", site: wp.base, since: "2025-06-01" }, opts));
    expect(err.code).toBe("http_status");
    expect(snapshot(data.dir)).toEqual(before);
  });
});

describe("bad input: one named error, nothing written", () => {
  const cases: [string, (wp: WordpressServer) => void, string, RegExp][] = [
    ["an HTML page", (s) => s.routes.set("/blog/post", (_q, res) => { res.writeHead(200, { "content-type": "text/html" }); res.end("<!DOCTYPE html><html><body>Hi</body></html>"); }), "/blog/post", /is an HTML page, not a WordPress post/],
    ["a 404", () => {}, "/wp-json/wp/v2/posts/999", /answered HTTP 404: no such post/],
    ["JSON of another shape", (s) => s.routes.set("/wp-json/wp/v2/pages/5", (_q, res) => json(res, 200, { id: 5, date: "2025-01-01T00:00:00", modified: "2025-01-01T00:00:00", link: "https://x.example/p", title: { rendered: "t" } })), "/wp-json/wp/v2/pages/5", /missing field "content"/],
    ["a post with no text", (s) => s.posts.set(7, wordpressPost(7, "2025-01-01T00:00:00", "Empty", "<p>&nbsp;</p><script>alert(1)</script>", s.base)), "/wp-json/wp/v2/posts/7", /post 7 has no text/],
    ["content over the size limit", (s) => s.posts.set(8, wordpressPost(8, "2025-01-01T00:00:00", "Huge", `<p>${"AWS grows. ".repeat(30_000)}</p>`, s.base)), "/wp-json/wp/v2/posts/8", /sent more than 200 kB/],
    ["a redirect", (s) => s.routes.set("/wp-json/wp/v2/posts/9", (_q, res) => { res.writeHead(301, { location: "https://elsewhere.example.invalid/post" }); res.end(); }), "/wp-json/wp/v2/posts/9", /redirects to https:\/\/elsewhere\.example\.invalid\/post; ingest follows no redirects/],
  ];
  for (const [name, setup, path, message] of cases) {
    it(name, async () => {
      setup(wp);
      const before = snapshot(data.dir);
      const err = await failure(() => ingest({ kind: "url", url: `${wp.base}${path}` }, opts));
      expect(err.message).toMatch(message);
      expect(err.message).not.toContain("\n");
      expect(snapshot(data.dir)).toEqual(before);
    });
  }

  it("retries a timeout a bounded number of times, then names it", async () => {
    let calls = 0;
    wp.routes.set("/wp-json/wp/v2/posts/10", () => {
      calls++; // never answers
    });
    const err = await failure(() => ingest({ kind: "url", url: `${wp.base}/wp-json/wp/v2/posts/10` }, opts));
    expect(err.code).toBe("network");
    expect(err.message).toMatch(/timed out after 0.3 s \(2 attempts\)/);
    expect(calls).toBe(2);
  });

  it("retries a server error and succeeds when the server recovers", async () => {
    let calls = 0;
    const post = wordpressPost(11, "2025-03-01T00:00:00", "Recovered", "<p>Amazon invested $4 billion in Anthropic in September 2023.</p>", wp.base);
    wp.routes.set("/wp-json/wp/v2/posts/11", (_q, res) => (++calls === 1 ? json(res, 503, { code: "busy" }) : json(res, 200, post)));
    const [report] = await ingest({ kind: "url", url: `${wp.base}/wp-json/wp/v2/posts/11` }, opts);
    expect(calls).toBe(2);
    expect(report!.written).toBe(true);
  });

  it("names a refused connection after its attempts", async () => {
    const closed = await startWordpressServer();
    const url = `${closed.base}/wp-json/wp/v2/posts/1`;
    await closed.close();
    const err = await failure(() => ingest({ kind: "url", url }, opts));
    expect(err.message).toMatch(/could not fetch .*: network error ECONNREFUSED \(2 attempts\)/);
    expect(existsSync(draftsPath(data.dir, "news-example-com-1"))).toBe(false);
  });
});
