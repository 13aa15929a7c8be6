// `npm run report -- feedback` end to end: votes and unanswered questions recorded through the Slack path land
// in the SQLite file; the CLI (a real child process) lists them, most frequent first.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackHarness } from "../helpers/slack-harness.js";

const run = promisify(execFile);
const tsx = (args: string[], env: Record<string, string>) =>
  run(process.execPath, ["--import", "tsx", "src/cli/report.ts", ...args], { env: { ...process.env, ...env, LOG_LEVEL: "silent" } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

let h: SlackHarness;
beforeAll(async () => {
  h = await new SlackHarness().start();
});
afterAll(async () => {
  await h.close();
});

const answerId = (body: string) => (JSON.parse(body) as { blocks: { type: string; elements?: { action_id?: string; value?: string }[] }[] }).blocks
  .flatMap((b) => b.elements ?? []).find((e) => e.action_id === "aistack_vote_wrong")?.value;

// spawns the report CLI: generous time on a busy machine
describe("feedback report", { timeout: 60_000 }, () => {
  it("lists unanswered questions and records reported wrong, most frequent first", async () => {
    // an off-topic question asked three times in different case and punctuation
    for (const q of ["Who won the 1998 World Cup?", "who won the 1998 world cup", "WHO WON THE 1998 WORLD CUP?!"]) await h.command(q);
    const id = answerId((await h.command("how much did Amazon invest in Anthropic?")).text);
    expect(id).toBeDefined();
    await h.action("aistack_vote_wrong", id!, { user: "U1" });
    await h.action("aistack_vote_wrong", id!, { user: "U2" });

    const json = await tsx(["feedback", "--json"], { DATA_DIR: h.dir });
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { unanswered: { question: string; count: number }[]; wrong: { recordId: string; count: number }[] };
    // the variants of one off-topic question count as one, and the most frequent comes first
    expect(report.unanswered[0]).toMatchObject({ count: 3 });
    expect(report.unanswered[0]!.question).toMatch(/world cup/i);
    expect(report.unanswered.slice(1).every((u) => u.count <= 3)).toBe(true);
    expect(report.wrong[0]!.count).toBe(2);

    const text = await tsx(["feedback"], { DATA_DIR: h.dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Questions aistack could not answer");
    expect(text.stdout).toContain(`2×  ${report.wrong[0]!.recordId}`);
    expect(text.stdout).toMatch(/Votes: .*wrong 2/);
  });

  it("explains usage and a missing database instead of failing obscurely", async () => {
    const bad = await tsx(["nonsense"], { DATA_DIR: h.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("usage: npm run report -- feedback");
    const none = await tsx(["feedback"], { DATA_DIR: `${h.dir}/nowhere` });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("No database at");
  });
});
