// `npm run report -- feedback` end to end: votes and unanswered questions recorded through the Slack path land
// in the SQLite file; the CLI (a real child process) lists them, most frequent first.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appArgs } from "../helpers/app-command.js";
import { SlackHarness } from "../helpers/slack-harness.js";

const run = promisify(execFile);
const reportCli = (args: string[], env: Record<string, string>) =>
  run(process.execPath, [...appArgs("src/cli/report.ts"), ...args], { env: { ...process.env, ...env, LOG_LEVEL: "silent" } }).then(
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

    const json = await reportCli(["feedback", "--json"], { DATA_DIR: h.dir });
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { unanswered: { question: string; count: number }[]; wrong: { recordId: string; count: number }[] };
    // the variants of one off-topic question count as one, and the most frequent comes first
    expect(report.unanswered[0]).toMatchObject({ count: 3 });
    expect(report.unanswered[0]!.question).toMatch(/world cup/i);
    expect(report.unanswered.slice(1).every((u) => u.count <= 3)).toBe(true);
    expect(report.wrong[0]!.count).toBe(2);

    const text = await reportCli(["feedback"], { DATA_DIR: h.dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Questions aistack could not answer");
    expect(text.stdout).toContain(`2×  ${report.wrong[0]!.recordId}`);
    expect(text.stdout).toMatch(/Votes: .*wrong 2/);
  });

  it("counts one vote per person and answer: 20 presses and a replay by one user count once, the latest vote wins", async () => {
    const id = answerId((await h.command("who makes trainium?")).text);
    expect(id).toBeDefined();
    for (let i = 0; i < 20; i++) await h.action("aistack_vote_wrong", id!, { user: "U7" });
    await h.action("aistack_vote_wrong", id!, { user: "U7", triggerId: "replayed.1" });
    await h.action("aistack_vote_wrong", id!, { user: "U7", triggerId: "replayed.1" });
    await h.action("aistack_vote_wrong", id!, { user: "U8" });
    await h.action("aistack_vote_helpful", id!, { user: "U9" });
    await h.action("aistack_vote_wrong", id!, { user: "U9" }); // changed their mind: one vote, now "wrong"
    const report = JSON.parse((await reportCli(["feedback", "--json"], { DATA_DIR: h.dir })).stdout) as { wrong: { recordId: string; count: number }[]; votes: { vote: string; count: number }[] };
    const trainium = report.wrong.filter((w) => w.count === 3);
    expect(trainium.length).toBeGreaterThan(0); // U7, U8, U9: three people, not 23 presses
    expect(report.wrong.every((w) => w.count <= 3)).toBe(true);
  });

  it("a button naming an answer given in another workspace or channel is refused (nothing shared, no vote)", async () => {
    const id = answerId((await h.command("how much did Amazon invest in Anthropic?", { channel: "CREF" })).text);
    expect(id).toBeDefined();
    h.fake.clear();
    await h.action("aistack_share", id!, { team: "T2", channel: "CREF", user: "UX", responseId: "other-team" });
    await h.action("aistack_share", id!, { channel: "COTHER", user: "U1", responseId: "other-channel" });
    await h.action("aistack_vote_wrong", id!, { team: "T2", channel: "CREF", user: "UX", responseId: "other-team-vote" });
    const replies = h.fake.callsOf("respond");
    expect(replies).toHaveLength(3);
    for (const r of replies) {
      expect(r.args.response_type).toBe("ephemeral");
      expect(String(r.args.text)).toContain("too old");
    }
    await h.action("aistack_share", id!, { channel: "CREF", user: "U2", responseId: "same-place" });
    expect(h.fake.callsOf("respond").at(-1)!.args.response_type).toBe("in_channel");
  });

  it("explains usage and a missing database instead of failing obscurely", async () => {
    const bad = await reportCli(["nonsense"], { DATA_DIR: h.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("usage: npm run report -- feedback");
    const none = await reportCli(["feedback"], { DATA_DIR: `${h.dir}/nowhere` });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("No database at");
  });
});
