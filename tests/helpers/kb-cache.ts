// Gives a fresh DATA_DIR the run's warm start-up cache (tests/setup/kb-cache.ts), so a process started on it
// loads data/ from the snapshot as a restarted bot does. Tests about a first start (no cache yet) skip this.
import { cpSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";

export function seedKbCache(dataDir: string): void {
  cpSync(inject("warmKbCache"), join(dataDir, "cache"), { recursive: true });
}
