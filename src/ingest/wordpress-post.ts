// The part of a WordPress REST post (`/wp-json/wp/v2/posts/<id>`) that ingest reads, checked with zod so a
// JSON document of another shape is named by the field it lacks.
import { z } from "zod";
import { IngestError } from "./errors.js";

const rendered = z.object({ rendered: z.string() });
// WordPress writes local and GMT times without a zone: "2025-06-14T20:03:33".
const wpTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/, "expected a WordPress time like 2025-06-14T20:03:33");

export const wordpressPost = z.object({
  id: z.number().int().positive(),
  date: wpTime,
  date_gmt: wpTime.nullish(),
  modified: wpTime,
  modified_gmt: wpTime.nullish(),
  link: z.url(),
  title: rendered,
  content: rendered.extend({ protected: z.boolean().optional() }),
  author: z.number().int().nonnegative().optional(),
  slug: z.string().optional(),
  type: z.string().optional(),
  /** present when the post was requested with `_embed=author` */
  _embedded: z.object({ author: z.array(z.object({ name: z.string().optional() }).loose()).optional() }).loose().optional(),
}).loose();

export type WordpressPost = z.infer<typeof wordpressPost>;

/** Checks a parsed JSON value; the error names the first missing or wrong field. `where` names the input. */
export function readWordpressPost(value: unknown, where: string): WordpressPost {
  if (Array.isArray(value)) {
    throw new IngestError("not_wordpress_post", `${where} is a list, not one WordPress post (use --site … --since … for a list of posts)`);
  }
  if (value === null || typeof value !== "object") {
    throw new IngestError("not_wordpress_post", `${where} is not a WordPress post: expected a JSON object`);
  }
  const parsed = wordpressPost.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join(".");
  const missing = issue.code === "invalid_type" && lookup(value, issue.path) === undefined;
  throw new IngestError("not_wordpress_post", `${where} is not a WordPress post: ${missing ? `missing field "${field}"` : `field "${field}": ${issue.message}`}`);
}

function lookup(value: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = value;
  for (const key of path) at = at && typeof at === "object" ? (at as Record<PropertyKey, unknown>)[key] : undefined;
  return at;
}

/** The post's author name when the response embeds it, else WordPress's author id. */
export function authorOf(post: WordpressPost): string | undefined {
  const name = post._embedded?.author?.[0]?.name;
  if (name) return name;
  return post.author !== undefined ? `wordpress user ${post.author}` : undefined;
}

/** WordPress GMT times as ISO instants ("…Z"); the local time when the GMT one is absent. */
export const gmtInstant = (gmt: string | null | undefined, local: string) => `${(gmt ?? local).slice(0, 19)}Z`;
