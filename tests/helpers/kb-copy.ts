// A temporary copy of the repository's data/ for tests that ingest or accept: the repo's data/ is never written.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./run-process.js";

export function copyOfData(): { dir: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), "aistack-kb-"));
  const dir = join(root, "data");
  cpSync(join(REPO_ROOT, "data"), dir, { recursive: true });
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Every file under a directory with its content: compare two snapshots to prove nothing was written. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(p, readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return out;
}
