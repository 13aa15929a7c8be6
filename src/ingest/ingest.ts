// npm run ingest: posts in, data/drafts/<source-id>.yaml out, with a summary. An unchanged post is "nothing
// new" and writes nothing; a changed one drafts only the sentences not seen, accepted or rejected before.
import { createHash } from "node:crypto";
import * as cheerio from "cheerio";
import { parseKbDate } from "../kb/dates.js";
import { loadKnowledgeBase } from "../kb/loader.js";
import type { Provenance, Source } from "../kb/schema.js";
import type { KnowledgeBase } from "../kb/types.js";
import { formatAmount } from "./amounts.js";
import { draftsPath, readDraftsIfAny, writeDrafts, type DraftRecord, type DraftsDocument } from "./drafts-file.js";
import { EntityFinder } from "./entity-finder.js";
import { IngestError } from "./errors.js";
import { extractPost, type Extraction } from "./extract.js";
import { DEFAULT_HTTP, type HttpOptions } from "./http.js";
import { StatementMatcher } from "./matching.js";
import { readPosts, type FetchedPost, type PostRequest } from "./post-sources.js";
import { decidedDrafts } from "./review-log.js";
import { EXTRACTOR_VERSION, INGEST_LIMITS } from "./settings.js";
import { authorOf, gmtInstant, type WordpressPost } from "./wordpress-post.js";

export interface IngestOptions {
  dataDir: string;
  now?: () => Date;
  http?: HttpOptions;
}

export interface IngestReport {
  sourceId: string;
  title: string;
  publisher: string;
  published: string;
  draftFile: string;
  /** false: nothing new, nothing written */
  written: boolean;
  reason?: string;
  sections: number;
  sentences: number;
  /** drafts new in this run */
  drafts: number;
  /** pending drafts from an earlier run of a changed post, still in it */
  kept: number;
  dated: number;
  withAmounts: number;
  namingEntities: number;
  duplicates: number;
  conflicts: number;
  candidates: { name: string; count: number }[];
}

export async function ingest(request: PostRequest, options: IngestOptions): Promise<IngestReport[]> {
  // Everything is fetched and checked before anything is written: a bad page 3 leaves no drafts behind.
  const posts = await readPosts(request, options.http ?? DEFAULT_HTTP);
  for (const p of posts) checkContent(p);
  const { kb } = loadKnowledgeBase(options.dataDir);
  if (kb.predicates.length === 0) throw new IngestError("bad_arguments", `${options.dataDir} has no predicates (data/predicates.yaml): statements cannot be typed`);
  const finder = new EntityFinder(kb);
  const matcher = new StatementMatcher(kb);
  const now = (options.now ?? (() => new Date()))();
  return posts.map((p) => ingestOne(p, kb, finder, matcher, now, options.dataDir));
}

function checkContent({ post, origin }: FetchedPost): void {
  const html = post.content.rendered;
  if (html.length > INGEST_LIMITS.maxContentChars) throw new IngestError("too_large", `${origin}: post ${post.id} has ${html.length} characters of content (limit ${INGEST_LIMITS.maxContentChars})`);
  const text = cheerio.load(html, null, false).text().replace(/\s+/g, " ").trim();
  if (text.length < INGEST_LIMITS.minTextChars) {
    throw new IngestError("no_text", `${origin}: post ${post.id} has no text${post.content.protected ? " (it is password-protected)" : " (content.rendered is empty)"}`);
  }
}

function ingestOne(fetched: FetchedPost, kb: KnowledgeBase, finder: EntityFinder, matcher: StatementMatcher, now: Date, dataDir: string): IngestReport {
  const { post } = fetched;
  const sourceId = sourceIdOf(post, kb);
  const path = draftsPath(dataDir, sourceId);
  const hash = contentHash(post);
  const previous = readDraftsIfAny(path);
  const known = kb.sourceById.get(sourceId);
  const source = sourceRecord(fetched, sourceId, hash, now, known);
  const base = { sourceId, title: source.title, publisher: source.publisher, published: source.published ?? "", draftFile: path };
  const seenBefore = [previous?.source.provenance, known?.provenance].find((p) => p?.content_hash === hash && p.extractor === EXTRACTOR_VERSION);
  if (seenBefore) return { ...base, ...emptyCounts(), written: false, reason: "nothing new: the post is unchanged since it was last ingested" };

  const extraction = extractPost(post.content.rendered, kb, finder, new Date(gmtInstant(post.date_gmt, post.date)));
  source.sections = mergeSections(known?.sections ?? [], extraction.sections);
  const decided = decidedDrafts(dataDir, sourceId);
  const previousIds = new Map((previous?.drafts ?? []).map((d) => [d.id, d]));
  const kept: DraftRecord[] = [];
  const fresh: DraftRecord[] = [];
  for (const d of extraction.drafts) {
    const before = previousIds.get(d.id);
    if (decided.has(d.id) || (before && before.status !== "pending")) continue;
    if (before) {
      kept.push(before);
      continue;
    }
    const match = matcher.compare(d.statement, d.quote, sourceId);
    const precision = d.statement.date ? parseKbDate(d.statement.date) : undefined;
    fresh.push({
      id: d.id,
      status: "pending",
      section: d.section,
      quote: d.quote,
      ...(precision && typeof precision !== "string" ? { date_precision: precision.precision } : {}),
      amounts: d.amounts.map((a) => `${a.modifier ? `${a.modifier} ` : ""}${formatAmount(a)}`),
      possible_duplicate_of: match.duplicates,
      possible_conflict_with: match.conflicts,
      statement: d.statement,
    });
  }
  const counts = countsOf(extraction, fresh, kept.length);
  if (fresh.length === 0 && kept.length === (previous?.drafts.filter((d) => d.status === "pending").length ?? 0) && previous) {
    return { ...base, ...counts, written: false, reason: "nothing new: the post changed, but none of its sentences did" };
  }
  if (fresh.length === 0 && kept.length === 0) {
    return { ...base, ...counts, written: false, reason: "nothing new: every sentence was accepted or rejected before" };
  }
  const doc: DraftsDocument = { source, candidate_entities: extraction.candidates, drafts: [...kept, ...fresh] };
  writeDrafts(path, doc);
  return { ...base, ...counts, written: true };
}

function countsOf(x: Extraction, fresh: DraftRecord[], kept: number) {
  const named = new Set(x.drafts.filter((d) => d.namesEntity).map((d) => d.id));
  return {
    sections: x.sections.length,
    sentences: x.sentences,
    drafts: fresh.length,
    kept,
    dated: fresh.filter((d) => d.statement.date).length,
    withAmounts: fresh.filter((d) => d.amounts.length > 0).length,
    namingEntities: fresh.filter((d) => named.has(d.id)).length,
    duplicates: fresh.filter((d) => d.possible_duplicate_of.length > 0).length,
    conflicts: fresh.filter((d) => d.possible_conflict_with.length > 0).length,
    candidates: x.candidates,
  };
}

const emptyCounts = () => ({ sections: 0, sentences: 0, drafts: 0, kept: 0, dated: 0, withAmounts: 0, namingEntities: 0, duplicates: 0, conflicts: 0, candidates: [] });

/** The knowledge base's id for a post: an existing source with the same address keeps its id ("article"). */
export function sourceIdOf(post: WordpressPost, kb: KnowledgeBase): string {
  const same = kb.sources.find((s) => s.url && sameAddress(s.url, post.link));
  if (same) return same.id;
  return `${hostSlug(post.link)}-${post.id}`;
}

const sameAddress = (a: string, b: string) => a.replace(/\/+$/, "").toLowerCase() === b.replace(/\/+$/, "").toLowerCase();

/** "https://www2.stockmarketwatch.com/…" → "stockmarketwatch.com": the site, without its www. */
export const publisherOf = (link: string) => new URL(link).hostname.replace(/^www\d*\./, "");
const hostSlug = (link: string) => publisherOf(link).replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

export const contentHash = (post: WordpressPost) =>
  `sha256:${createHash("sha256").update(post.title.rendered).update("\0").update(post.content.rendered).digest("hex")}`;

function sourceRecord(fetched: FetchedPost, id: string, hash: string, now: Date, known: Source | undefined): Source {
  const { post, origin } = fetched;
  const today = now.toISOString().slice(0, 10);
  const author = authorOf(post);
  const provenance: Provenance = {
    origin,
    post_id: post.id,
    ...(author ? { author } : {}),
    published_at: gmtInstant(post.date_gmt, post.date),
    modified_at: gmtInstant(post.modified_gmt, post.modified),
    fetched_at: now.toISOString(),
    content_hash: hash,
    extractor: EXTRACTOR_VERSION,
  };
  return {
    id,
    kind: "article",
    title: decodeTitle(post.title.rendered),
    publisher: known?.publisher ?? publisherOf(post.link),
    url: post.link,
    published: post.date.slice(0, 10),
    sections: [],
    provenance,
    added: known?.added ?? today,
    reviewed: today,
  };
}

/** WordPress titles are HTML ("Amazon&#8217;s …"). */
const decodeTitle = (html: string) => cheerio.load(html, null, false).text().replace(/\s+/g, " ").trim();

/** Sections keep their ids across versions of a post; new ones are added after. */
function mergeSections(known: Source["sections"], found: { id: string; title: string }[]): Source["sections"] {
  const out = [...known];
  for (const s of found) if (!out.some((k) => k.id === s.id)) out.push({ id: s.id, title: s.title });
  return out;
}
