// The repository's data/ and the core on it, loaded once per worker process: test files share a worker
// (isolate: false in vitest.config.ts), and each loading them again cost about a second of CPU. Both are read-only.
import { join } from "node:path";
import { createCore } from "../../src/core/index.js";
import type { Core } from "../../src/core/types.js";
import { loadKnowledgeBase } from "../../src/kb/loader.js";
import type { KnowledgeBase } from "../../src/kb/types.js";

let kb: KnowledgeBase | undefined;
let core: Core | undefined;

export const shippedKb = (): KnowledgeBase => (kb ??= loadKnowledgeBase(join(import.meta.dirname, "..", "..", "data")).kb);
/** createCore on shippedKb() (the default lexicon, as the unit tests and harnesses use it) */
export const shippedCore = (): Core => (core ??= createCore(shippedKb()));
