import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // One real Postgres for the run; each test file makes its own database on it.
    globalSetup: ["tests/setup/postgres.ts"],
    // Integration tests open ports and SQLite files; keep them isolated per file.
    pool: "forks",
  },
});
