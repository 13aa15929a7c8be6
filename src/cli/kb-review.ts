// npm run kb:review -- <draft file> list | show <id> | accept <id…> | accept --all | reject <id…> | edit <id> [--set field=value …]
// Accepting validates against the whole knowledge base (zod and kb:check rules) and writes nothing if it fails.
import { resolve } from "node:path";
import { DataError } from "../errors.js";
import { IngestError } from "../ingest/errors.js";
import { acceptCommand, editCommand, listDrafts, rejectCommand, showDraft } from "../ingest/review/review.js";

const USAGE = "usage: npm run kb:review -- <data/drafts/SOURCE.yaml> list | show <id> | accept <id…> | accept --all | reject <id…> | edit <id> [--set field=value …]";

function run(args: string[]): string[] {
  const [file, action, ...rest] = args;
  if (!file || !action) throw new IngestError("bad_arguments", USAGE);
  const ctx = { draftFile: resolve(file), ...(process.env["KB_DIR"] ? { dataDir: resolve(process.env["KB_DIR"]) } : {}) };
  const ids = rest.filter((a) => !a.startsWith("--"));
  switch (action) {
    case "list":
      return listDrafts(ctx);
    case "show":
      if (ids.length !== 1) throw new IngestError("bad_arguments", "show takes one draft id");
      return showDraft(ctx, ids[0]!);
    case "accept":
      if (rest.includes("--all")) return acceptCommand(ctx, "all");
      if (!ids.length) throw new IngestError("bad_arguments", "accept takes draft ids, or --all");
      return acceptCommand(ctx, ids);
    case "reject":
      if (!ids.length) throw new IngestError("bad_arguments", "reject takes draft ids");
      return rejectCommand(ctx, ids);
    case "edit": {
      const sets: string[] = [];
      const plain: string[] = [];
      for (let i = 0; i < rest.length; i++) {
        if (rest[i] === "--set") sets.push(rest[++i] ?? "");
        else plain.push(rest[i]!);
      }
      if (plain.length !== 1) throw new IngestError("bad_arguments", "edit takes one draft id (and optional --set field=value)");
      return editCommand(ctx, plain[0]!, sets);
    }
    default:
      throw new IngestError("bad_arguments", `unknown action "${action}"\n${USAGE}`);
  }
}

try {
  for (const line of run(process.argv.slice(2))) console.log(line);
} catch (err) {
  if (err instanceof IngestError) {
    console.error(`kb:review: ${err.message}`);
    process.exit(1);
  }
  if (err instanceof DataError) {
    console.error(`kb:review: the knowledge base does not load; fix it first (npm run kb:check)\n${err.message}`);
    process.exit(1);
  }
  throw err;
}
