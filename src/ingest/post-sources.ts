// Where posts come from: one post URL, a site's posts since a date (paged by X-WP-TotalPages), or a saved
// JSON file. Each yields WordPress posts checked by shape, or one IngestError naming the problem.
import { readFileSync, statSync } from "node:fs";
import { IngestError } from "./errors.js";
import { DEFAULT_HTTP, httpGet, type HttpOptions } from "./http.js";
import { INGEST_LIMITS } from "./settings.js";
import { readWordpressPost, type WordpressPost } from "./wordpress-post.js";

export type PostRequest = { kind: "url"; url: string } | { kind: "site"; site: string; since: string } | { kind: "file"; path: string };

export interface FetchedPost {
  post: WordpressPost;
  /** the address or file it was read from, for provenance */
  origin: string;
}

export async function readPosts(request: PostRequest, http: HttpOptions = DEFAULT_HTTP): Promise<FetchedPost[]> {
  if (request.kind === "file") return readFilePosts(request.path);
  if (request.kind === "url") {
    const response = await httpGet(withEmbeddedAuthor(request.url), http);
    return [{ post: readWordpressPost(parseJson(response.body, request.url, response.headers.get("content-type")), request.url), origin: request.url }];
  }
  return readSitePosts(request.site, request.since, http);
}

/** Asks WordPress to embed the author's name (same address, one query parameter); nothing else is fetched. */
function withEmbeddedAuthor(url: string): string {
  const u = new URL(url);
  if (!u.searchParams.has("_embed")) u.searchParams.set("_embed", "author");
  return u.toString();
}

async function readSitePosts(site: string, since: string, http: HttpOptions): Promise<FetchedPost[]> {
  const base = new URL(site);
  const endpoint = new URL(`${base.pathname.replace(/\/+$/, "")}/wp-json/wp/v2/posts`, base);
  const posts: FetchedPost[] = [];
  let totalPages = 1;
  for (let page = 1; page <= totalPages; page++) {
    const url = new URL(endpoint);
    url.search = new URLSearchParams({ after: `${since}T00:00:00`, per_page: String(INGEST_LIMITS.perPage), page: String(page), orderby: "date", order: "asc", _embed: "author" }).toString();
    const response = await httpGet(url.toString(), http);
    const body = parseJson(response.body, url.toString(), response.headers.get("content-type"));
    if (!Array.isArray(body)) throw new IngestError("not_wordpress_post", `${url} is not a WordPress post list: expected a JSON array`);
    if (page === 1) {
      const header = response.headers.get("x-wp-totalpages");
      const declared = header === null ? 1 : Number(header);
      if (!Number.isInteger(declared) || declared < 0) throw new IngestError("not_wordpress_post", `${url} sent X-WP-TotalPages "${header}", not a page count`);
      if (declared > INGEST_LIMITS.maxPages) throw new IngestError("too_large", `${site} has ${declared} pages of posts since ${since} (more than ${INGEST_LIMITS.maxPages}); choose a later --since`);
      totalPages = declared;
    }
    body.forEach((item, i) => {
      const where = `${url} item ${i + 1}`;
      const post = readWordpressPost(item, where);
      posts.push({ post, origin: new URL(`${endpoint.pathname}/${post.id}`, endpoint).toString() });
    });
  }
  return posts;
}

function readFilePosts(path: string): FetchedPost[] {
  let text: string;
  try {
    if (statSync(path).size > INGEST_LIMITS.maxResponseBytes) throw new IngestError("too_large", `${path} is larger than ${Math.round(INGEST_LIMITS.maxResponseBytes / 1000)} kB; not read`);
    text = readFileSync(path, "utf8");
  } catch (err) {
    if (err instanceof IngestError) throw err;
    throw new IngestError("unreadable_file", `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const body = parseJson(text, path, null);
  // A saved page of /wp-json/wp/v2/posts is a list of posts; a saved single post is one object.
  const items = Array.isArray(body) ? body : [body];
  if (items.length === 0) throw new IngestError("not_wordpress_post", `${path} is an empty list: no posts`);
  return items.map((item, i) => ({ post: readWordpressPost(item, items.length > 1 ? `${path} item ${i + 1}` : path), origin: path }));
}

function parseJson(text: string, where: string, contentType: string | null): unknown {
  const start = text.trimStart().slice(0, 200).toLowerCase();
  if (start.startsWith("<!doctype html") || start.startsWith("<html") || (contentType?.includes("text/html") && start.startsWith("<"))) {
    throw new IngestError("not_wordpress_post", `${where} is an HTML page, not a WordPress post (the REST address looks like https://site/wp-json/wp/v2/posts/<id>)`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new IngestError("not_json", `${where} is not valid JSON (${(err as Error).message.split("\n")[0]})`);
  }
}
