// npm run kb:check [-- DIR]: validates the knowledge base and prints counts per record kind.
// Exit 1 with every problem listed (file, record, field, reason) when anything is wrong.
import { resolve } from "node:path";
import { loadKnowledgeBase } from "../kb/loader.js";
import { DataError } from "../errors.js";

const dir = resolve(process.argv[2] ?? process.env.KB_DIR ?? "data");
try {
  const { kb, files } = loadKnowledgeBase(dir);
  const disputed = kb.facts.filter((f) => f.status === "disputed").length;
  const corrected = kb.facts.filter((f) => f.status === "corrected").length;
  console.log(`knowledge base OK: ${files.length} files in ${dir} (version ${kb.version})`);
  console.log(`  entities   ${kb.entities.length}`);
  console.log(`  facts      ${kb.facts.length} (${disputed} disputed, ${corrected} corrected)`);
  console.log(`  sources    ${kb.sources.length}`);
  console.log(`  conflicts  ${kb.conflicts.length}`);
  console.log(`  questions  ${kb.questions.length}`);
} catch (err) {
  if (err instanceof DataError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
