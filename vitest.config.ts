import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // One real Postgres for the run; each test file makes its own database on it.
    // src/ compiled once for the processes tests start, and one warm start-up cache (knowledge-base snapshot,
    // thesaurus) made by that build, which they copy in.
    globalSetup: ["tests/setup/postgres.ts", "tests/setup/build-app.ts", "tests/setup/kb-cache.ts"],
    // Loads discord.js before any test file can load vega-lite in the same worker (see the file).
    setupFiles: ["tests/setup/load-order.ts"],
    // Integration tests open ports and SQLite files; keep them isolated per file.
    pool: "forks",
    // Files share no state (own temp dirs, ports, databases), and the slow ones mostly wait on child processes,
    // timers and sockets: two at a time keep both cores busy without starving the timing of the others (vitest's default on 2 cores is one at a time).
    maxWorkers: 2,
    // A worker runs its files one after another in one process, so the core, the knowledge base and the drivers
    // load once per worker instead of once per file (imports were most of the suite's CPU). Files keep their state
    // in their own temp dirs, ports and databases, and load shared data read-only.
    isolate: false,
  },
});
