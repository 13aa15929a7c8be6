// Spawned by the bench as a fresh process: loads the shipped knowledge base, builds the core (indexes), answers
// one question, then prints one JSON line. The parent measures spawn → that line (process start → ready).
import { resolve } from "node:path";
import { createCore } from "../src/core/index.js";
import { loadKnowledgeBase } from "../src/kb/loader.js";
import { kbCacheDir } from "../src/storage/path.js";

// As main starts: with the start-up snapshot under DATA_DIR/cache (the parent's warm-up run writes it).
const core = createCore(loadKnowledgeBase(resolve(process.env.KB_DIR ?? "data"), { cacheDir: kbCacheDir({ DATA_DIR: process.env.DATA_DIR || "var" }) }).kb);
const answer = core.ask("How much did Amazon invest in Anthropic?", { now: new Date() });
// performance.now() counts from this process's time origin (node start): the in-process part of cold start.
process.stdout.write(JSON.stringify({ ready: true, kind: answer.kind, in_process_ms: Math.round(performance.now()) }) + "\n");
