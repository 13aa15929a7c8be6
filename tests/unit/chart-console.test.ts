import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { runConsole } from "../../src/adapters/console/index.js";
import { pictureFileName, takePngFlag } from "../../src/adapters/console/picture.js";
import { renderConsole } from "../../src/adapters/console/render.js";
import { shippedCore } from "../helpers/shipped-kb.js";

const core = shippedCore();
const clock = () => new Date("2026-11-25T12:00:00Z");
const dir = mkdtempSync(join(tmpdir(), "aistack-console-png-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function session(lines: string[]): Promise<string> {
  const output = new PassThrough();
  let text = "";
  output.on("data", (c: Buffer) => (text += c.toString("utf8")));
  await runConsole({ core: () => core, input: Readable.from(lines), output, clock, interactive: false, pictureDir: dir });
  return text;
}

describe("console --png", { timeout: 30_000 }, () => {
  it("answers as usual, writes the timeline's picture and prints its path; replies stay in input order", async () => {
    const out = await session(["timeline amd --png\n", "who makes trainium? --png\n", "help\n"]);
    const file = join(dir, "timeline-amd.png");
    const answers = ["timeline amd", "who makes trainium?", "help"].map((q) => renderConsole(core.handleText(q, { now: clock() })));
    expect(out).toBe(
      `${answers[0]}\nPicture: ${file} (1200×${out.match(/\(1200×(\d+) px\)/)?.[1]} px)\n\n` +
        `${answers[1]}\nNo picture: \`--png\` draws timelines (\`timeline amd --png\`), and this answer is not one.\n\n` +
        `${answers[2]}\n\n`,
    );
    expect(existsSync(file)).toBe(true);
  });

  it("reads --png anywhere in the line, as its own word only", () => {
    expect(takePngFlag("timeline amd --png")).toEqual({ text: "timeline amd", png: true });
    expect(takePngFlag("--png timeline  amd")).toEqual({ text: "timeline amd", png: true });
    expect(takePngFlag("timeline amd")).toEqual({ text: "timeline amd", png: false });
    expect(takePngFlag("timeline amd--png")).toEqual({ text: "timeline amd--png", png: false });
  });

  it("names the file after the timeline", () => {
    expect(pictureFileName("timeline amd 2025")).toBe("timeline-amd-2025.png");
    expect(pictureFileName("timeline Ünïcode / ../x")).toBe("timeline-unicode-x.png");
    expect(pictureFileName("???")).toBe("timeline.png");
  });
});
