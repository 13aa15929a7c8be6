// Spawned by the bench as a fresh process: loads the shipped knowledge base, builds the core (indexes), answers
// one question, then prints one JSON line. The parent measures spawn → that line (process start → ready).
import { resolve } from "node:path";
import { createCore } from "../src/core/index.js";
import { loadKnowledgeBase } from "../src/kb/loader.js";

const core = createCore(loadKnowledgeBase(resolve(process.env.KB_DIR ?? "data")).kb);
const answer = core.ask("How much did Amazon invest in Anthropic?", { now: new Date() });
// performance.now() counts from this process's time origin (node start): the in-process part of cold start.
process.stdout.write(JSON.stringify({ ready: true, kind: answer.kind, in_process_ms: Math.round(performance.now()) }) + "\n");
