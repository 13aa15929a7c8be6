// A local WordPress REST API on 127.0.0.1 for ingest tests: serves posts by id and a paged post list with
// X-WP-TotalPages, plus scripted faults (HTML, 404, another JSON shape, slow answers, 500s, redirects, huge
// bodies). Records every path it was asked for, so tests can prove nothing else was fetched.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export interface WordpressServer {
  base: string;
  requests: string[];
  /** posts served at /wp-json/wp/v2/posts/<id> and in the list */
  posts: Map<number, Record<string, unknown>>;
  /** extra or overriding routes by path */
  routes: Map<string, Route>;
  close(): Promise<void>;
}

export const PAGE_SIZE = 2;

export async function startWordpressServer(): Promise<WordpressServer> {
  const posts = new Map<number, Record<string, unknown>>();
  const routes = new Map<string, Route>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(`${url.pathname}${url.search}`);
    const route = routes.get(url.pathname);
    if (route) return void route(req, res, url);
    const single = /^\/wp-json\/wp\/v2\/posts\/(\d+)$/.exec(url.pathname);
    if (single) {
      const post = posts.get(Number(single[1]));
      return post ? json(res, 200, post) : json(res, 404, { code: "rest_post_invalid_id", message: "Invalid post ID.", data: { status: 404 } });
    }
    if (url.pathname === "/wp-json/wp/v2/posts") {
      const after = url.searchParams.get("after") ?? "";
      const list = [...posts.values()].filter((p) => String(p["date"]) >= after).sort((a, b) => String(a["date"]).localeCompare(String(b["date"])));
      // the server's own page size, small, so that a handful of posts spans pages
      const page = Number(url.searchParams.get("page") ?? "1");
      const pages = Math.max(1, Math.ceil(list.length / PAGE_SIZE));
      return json(res, 200, list.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), { "X-WP-Total": String(list.length), "X-WP-TotalPages": String(pages) });
    }
    json(res, 404, { code: "rest_no_route" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    posts,
    routes,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A WordPress-shaped post: the fields the REST API returns, with the given id, date and HTML. */
export function wordpressPost(id: number, date: string, title: string, html: string, base: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    date,
    date_gmt: date,
    guid: { rendered: `${base}/?p=${id}` },
    modified: date,
    modified_gmt: date,
    slug: `post-${id}`,
    status: "publish",
    type: "post",
    link: `https://news.example.com/${date.slice(0, 10).replace(/-/g, "/")}/post-${id}/`,
    title: { rendered: title },
    content: { rendered: html, protected: false },
    excerpt: { rendered: "", protected: false },
    author: 3,
    _embedded: { author: [{ id: 3, name: "Dana Reporter" }] },
    categories: [1],
    tags: [],
    ...extra,
  };
}
