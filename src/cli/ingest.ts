// npm run ingest -- <post URL | saved JSON file>
// npm run ingest -- --site https://site --since 2025-06-01
// Options: --data DIR (default $KB_DIR or data). Writes DIR/drafts/<source-id>.yaml; on any problem prints one
// line naming it, exits 1 and writes nothing.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { DataError } from "../errors.js";
import { IngestError } from "../ingest/errors.js";
import { ingest } from "../ingest/ingest.js";
import type { PostRequest } from "../ingest/post-sources.js";
import { summaryLines } from "../ingest/summary.js";

const USAGE = "usage: npm run ingest -- <https://site/wp-json/wp/v2/posts/ID | post.json> | --site https://site --since YYYY-MM-DD [--data DIR]";

function request(): { req: PostRequest; dataDir: string } {
  let parsed;
  try {
    parsed = parseArgs({ options: { site: { type: "string" }, since: { type: "string" }, data: { type: "string" }, help: { type: "boolean" } }, allowPositionals: true });
  } catch (err) {
    throw new IngestError("bad_arguments", `${(err as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const dataDir = resolve(values.data ?? process.env["KB_DIR"] ?? "data");
  if (values.site || values.since) {
    if (!values.site || !values.since || positionals.length) throw new IngestError("bad_arguments", `--site and --since go together, without a post\n${USAGE}`);
    if (!/^https?:\/\//.test(values.site)) throw new IngestError("bad_arguments", `--site must be an http(s) address, got "${values.site}"`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.since) || Number.isNaN(Date.parse(values.since))) throw new IngestError("bad_arguments", `--since must be a date YYYY-MM-DD, got "${values.since}"`);
    return { req: { kind: "site", site: values.site, since: values.since }, dataDir };
  }
  if (positionals.length !== 1) throw new IngestError("bad_arguments", USAGE);
  const target = positionals[0]!;
  return { req: /^https?:\/\//i.test(target) ? { kind: "url", url: target } : { kind: "file", path: target }, dataDir };
}

try {
  const { req, dataDir } = request();
  const reports = await ingest(req, { dataDir });
  if (reports.length === 0) console.log("no posts found: nothing new");
  for (const r of reports) for (const line of summaryLines(r)) console.log(line);
} catch (err) {
  if (err instanceof IngestError) {
    console.error(`ingest: ${err.message}`);
    process.exit(1);
  }
  if (err instanceof DataError) {
    console.error(`ingest: the knowledge base in data/ does not load; fix it first (npm run kb:check)\n${err.message}`);
    process.exit(1);
  }
  throw err;
}
