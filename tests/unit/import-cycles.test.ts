// No import cycles in src/ (type-only imports included): every module can be read, tested and replaced on its own.
import { join } from "node:path";
import { parseCircular, parseDependencyTree, prettyCircular } from "dpdm";
import { expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

it("src/ has no import cycle", async () => {
  const tree = await parseDependencyTree(["src/**/*.ts"], { context: ROOT, cwd: ROOT, tsconfig: join(ROOT, "tsconfig.json"), transform: false, skipDynamicImports: false });
  const files = Object.keys(tree).filter((f) => f.startsWith("src/"));
  expect(files.length).toBeGreaterThan(80);
  const cycles = parseCircular(tree);
  expect(cycles, prettyCircular(cycles)).toEqual([]);
});
