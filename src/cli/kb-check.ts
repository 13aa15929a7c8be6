// npm run kb:check [-- DIR]: validates the knowledge base, prints counts per record kind and the pairs of
// statements whose texts nearly repeat each other (for review; not an error).
// Exit 1 with every problem listed (file, record, field, reason) when anything is wrong.
import { resolve } from "node:path";
import { loadKnowledgeBase } from "../kb/loader.js";
import { NEAR_DUPLICATE_OVERLAP, nearDuplicates } from "../kb/near-duplicates.js";
import { DataError } from "../errors.js";

const dir = resolve(process.argv[2] ?? process.env.KB_DIR ?? "data");
try {
  const { kb, files } = loadKnowledgeBase(dir);
  const disputed = kb.facts.filter((f) => f.status === "disputed").length;
  const corrected = kb.facts.filter((f) => f.status === "corrected").length;
  const used = new Set(kb.facts.map((f) => f.predicate));
  console.log(`knowledge base OK: ${files.length} files in ${dir} (version ${kb.version})`);
  console.log(`  entities   ${kb.entities.length}`);
  console.log(`  facts      ${kb.facts.length} (${disputed} disputed, ${corrected} corrected)`);
  console.log(`  predicates ${kb.predicates.length} (${used.size} in use)`);
  console.log(`  sources    ${kb.sources.length}`);
  console.log(`  conflicts  ${kb.conflicts.length}`);
  console.log(`  questions  ${kb.questions.length}`);
  const unused = kb.predicates.filter((p) => !used.has(p.id)).map((p) => p.id);
  if (unused.length) console.log(`predicates no statement uses: ${unused.join(", ")}`);
  const pairs = nearDuplicates(kb.facts, kb.conflicts);
  console.log(`near-duplicates (texts sharing ≥ ${NEAR_DUPLICATE_OVERLAP * 100} % of words): ${pairs.length}`);
  for (const p of pairs) console.log(`  ${Math.round(p.overlap * 100)} %  ${p.a}  ~  ${p.b}`);
} catch (err) {
  if (err instanceof DataError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
