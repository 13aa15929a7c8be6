// The whole path as a person runs it, as real processes on a copy of data/: ingest a WordPress post file the
// project has never seen, accept every draft, kb:check, and ask about it; ingest twice; bad files; rejections
// remembered across a re-ingest of a modified post; edit; the digest's "New since" and a reload see the result.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { appArgs } from "../helpers/app-command.js";
import { composeDigest } from "../../src/core/digest/compose.js";
import { allItems } from "../../src/core/answer.js";
import { loadKnowledgeBase } from "../../src/kb/loader.js";
import { ingest } from "../../src/ingest/ingest.js";
import { acceptCommand } from "../../src/ingest/review/review.js";
import { copyOfData, snapshot } from "../helpers/kb-copy.js";
import { REPO_ROOT, runProcess } from "../helpers/run-process.js";

const POST = join(REPO_ROOT, "tests", "fixtures", "wordpress", "second-post.json");
const DRAFTS = "drafts/cloudsiliconreport-com-7312.yaml";

let data: ReturnType<typeof copyOfData>;
beforeEach(() => {
  data = copyOfData();
});
afterEach(() => data.remove());

const env = () => ({ ...process.env, KB_DIR: data.dir, DATA_DIR: join(data.dir, "..", "var") });
const cli = (script: string, ...args: string[]) => runProcess(process.execPath, [...appArgs(`src/cli/${script}.ts`), ...args], "", env());
type AskJson = { answered: boolean; text: string; results: { id: string; date: string | null; sources: string[]; text: string }[] };
/** Several questions through one `ask --json --stdin` process: one JSON line each, in order. */
const askAll = async (...questions: string[]): Promise<AskJson[]> => {
  const r = await runProcess(process.execPath, [...appArgs("src/cli/ask.ts"), "--json", "--stdin"], questions.join("\n") + "\n", env());
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim().split("\n").map((l) => JSON.parse(l) as AskJson);
};

describe("a new post, end to end", { timeout: 120_000 }, () => {
  it("ingest → accept --all → kb:check → ask answers from the new source, with its date precision and the conflict shown", async () => {
    const ingested = await cli("ingest", POST);
    expect(ingested.code, ingested.stderr).toBe(0);
    expect(ingested.stdout).toMatch(/cloudsiliconreport-com-7312: "AWS’s AI Hardware Year/);
    expect(ingested.stdout).toMatch(/\d+ sections, \d+ sentences → \d+ new draft statements/);
    expect(ingested.stdout).toMatch(/\d+ dated, \d+ carry amounts, \d+ name known entities, \d+ look like duplicates of existing statements, 2 contradict one/);
    expect(ingested.stdout).toMatch(/candidate new entities: .*Project Rainier/);

    const accepted = await cli("kb-review", join(data.dir, DRAFTS), "accept", "--all");
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toMatch(/accepted \d+: \d+ new statements, \d+ added as references to existing ones, 1 conflict records/);

    const check = await cli("kb-check", data.dir);
    expect(check.code, check.stderr).toBe(0);

    const [blackwell, trainium2, inferentia, valuation] = await askAll("when did blackwell gpus become available on aws?", "when did trainium2 become generally available?", "when was inferentia first unveiled?", "what was anthropic valued at in november 2024?");
    expect(blackwell!.answered).toBe(true);
    expect(blackwell!.results[0]!.date).toBe("May 2025");
    expect(blackwell!.results[0]!.sources.join(" ")).toContain("cloudsiliconreport.com, 18 Sep 2025");
    expect(trainium2!.results[0]).toMatchObject({ date: "Dec 2024" });
    expect(trainium2!.results[0]!.sources.join(" ")).toContain("cloudsiliconreport.com");
    // the new post agrees with the public record (announced 2018) against the first article (2019): its quote
    // becomes a reference on the public-record statement, and the existing conflict stays in view
    const announced = inferentia!.results.find((r) => r.id === "pr-inferentia-announced-nov-2018")!;
    expect(announced.sources.join(" ")).toContain("cloudsiliconreport.com");
    expect(inferentia!.text).toContain("public record: announced at re:Invent November 2018");
    // a value the first article gives otherwise: both claims kept, each cited, a new conflict shown with them
    expect(valuation!.results.map((r) => r.date)).toEqual(expect.arrayContaining(["Nov 2024"]));
    expect(valuation!.results.map((r) => r.id)).toContain("anthropic-valuation-30b");
    expect(valuation!.text).toContain("cloudsiliconreport.com (2025-09-18) says Anthropic is valued at: about $40 billion (Nov 2024); stockmarketwatch.com says ~$30 billion post-money (Nov 2024).");

    // ingesting the same file again, after the review: nothing new, no file changed
    const before = snapshot(data.dir);
    const again = await cli("ingest", POST);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("nothing new: the post is unchanged since it was last ingested; no file written");
    expect(snapshot(data.dir)).toEqual(before);
  });

  it("a second ingest of the same file reports nothing new and changes no file", async () => {
    expect((await cli("ingest", POST)).code).toBe(0);
    const before = snapshot(data.dir);
    const again = await cli("ingest", POST);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("nothing new: the post is unchanged since it was last ingested; no file written");
    expect(snapshot(data.dir)).toEqual(before);
  });

  it("a malformed file, an HTML page and JSON of another shape each get one line naming the problem, exit 1, nothing written", async () => {
    const bad = join(data.dir, "..");
    writeFileSync(join(bad, "broken.json"), '{"id": 5, "title": ');
    writeFileSync(join(bad, "page.html"), "<!DOCTYPE html>\n<html><head><title>Post</title></head><body><p>Hello</p></body></html>\n");
    writeFileSync(join(bad, "user.json"), JSON.stringify({ id: 4, name: "Dana", slug: "dana" }));
    const before = snapshot(data.dir);
    for (const [file, message] of [["broken.json", /broken\.json is not valid JSON/], ["page.html", /page\.html is an HTML page, not a WordPress post/], ["user.json", /user\.json is not a WordPress post: missing field "date"/]] as const) {
      const r = await cli("ingest", join(bad, file));
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    expect(snapshot(data.dir)).toEqual(before);
  });
});

describe("review", { timeout: 120_000 }, () => {
  it("remembers rejections and acceptances: a re-ingest of the modified post drafts only its changed sentences", async () => {
    expect((await cli("ingest", POST)).code).toBe(0);
    const file = join(data.dir, DRAFTS);
    const ids = (parse(readFileSync(file, "utf8")) as { drafts: { id: string; quote: string }[] }).drafts;
    const junk = ids.find((d) => d.quote.startsWith("For more, read"))!.id;
    const kept = ids.find((d) => d.quote.includes("Blackwell GPUs became available"))!.id;
    expect((await cli("kb-review", file, "reject", junk)).stdout).toMatch(/rejected 1/);
    expect((await cli("kb-review", file, "accept", kept)).code).toBe(0);

    const post = JSON.parse(readFileSync(POST, "utf8"));
    post.content.rendered += "<p>AWS said in October 2025 that Trainium3 would reach customers in 2026.</p>";
    post.modified = post.modified_gmt = "2025-10-02T08:00:00";
    const modified = join(data.dir, "..", "modified.json");
    writeFileSync(modified, JSON.stringify(post));
    const again = await cli("ingest", modified);
    expect(again.code, again.stderr).toBe(0);
    const after = (parse(readFileSync(file, "utf8")) as { drafts: { id: string; quote: string; status: string }[] }).drafts;
    expect(after.map((d) => d.id)).not.toContain(junk);
    expect(after.map((d) => d.id)).not.toContain(kept);
    expect(after.filter((d) => d.quote.includes("Trainium3"))).toHaveLength(2);
    expect(again.stdout).toMatch(/→ 2 new draft statements \(\d+ earlier drafts still pending\)/);
    const log = readFileSync(join(data.dir, "drafts", "review-log.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(log.map((e: { action: string; draft: string }) => `${e.action} ${e.draft}`)).toEqual([`rejected ${junk}`, `accepted ${kept}`]);
  });

  it("list, show and edit: an edit is validated against the schema and the entities before it is saved", async () => {
    expect((await cli("ingest", POST)).code).toBe(0);
    const file = join(data.dir, DRAFTS);
    const draft = (parse(readFileSync(file, "utf8")) as { drafts: { id: string; quote: string }[] }).drafts.find((d) => d.quote.includes("Instinct MI350"))!;
    const list = await cli("kb-review", file, "list");
    expect(list.stdout).toMatch(new RegExp(`${draft.id}  pending`));
    const bad = await cli("kb-review", file, "edit", draft.id, "--set", "subject=amd-instinct-mi350");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`kb:review: ${draft.id} not changed: unknown entity "amd-instinct-mi350"`);
    const badDate = await cli("kb-review", file, "edit", draft.id, "--set", "date=June 2025");
    expect(badDate.stderr).toMatch(/not changed: date: "June 2025" is not a date/);
    const good = await cli("kb-review", file, "edit", draft.id, "--set", "subject=amd", "--set", "value=Instinct MI350 series", "--set", "date=2025-06");
    expect(good.code, good.stderr).toBe(0);
    const shown = await cli("kb-review", file, "show", draft.id);
    expect(shown.stdout).toMatch(/subject: amd/);
    expect(shown.stdout).toMatch(/value: Instinct MI350 series/);
    expect(shown.stdout).toMatch(/date_precision: month/);
  });

  it("accepted statements are what a reload loads and what the digest lists as new", async () => {
    // in process, with a clock: the day of the review is the digest's "New since" day
    const now = () => new Date("2030-01-02T09:00:00Z");
    const [report] = await ingest({ kind: "file", path: POST }, { dataDir: data.dir, now });
    acceptCommand({ draftFile: report!.draftFile, now }, "all");
    // SIGHUP reloads data/ with this same loader
    const { kb } = loadKnowledgeBase(data.dir);
    const mine = kb.facts.filter((f) => f.refs.some((r) => r.source === "cloudsiliconreport-com-7312"));
    expect(mine.length).toBeGreaterThan(10);
    const digest = composeDigest(kb, { date: "2030-01-02", channelId: "test:c1", usedFactIds: [], lastDeliveredAt: "2030-01-01" });
    const newSince = digest.answer.sections.find((s) => s.heading?.startsWith("New since"))!;
    // many new records are summarised: one line per entity they are about (or the sources), with a count
    expect(newSince.heading).toMatch(/^New since your last digest: \d+ records/);
    expect(newSince.items.length).toBeGreaterThan(0);
    for (const item of newSince.items) expect(item.id === "sources" || mine.some((f) => f.subject === item.id) || kb.entityById.has(item.id), item.id).toBe(true);
    expect(allItems(digest.answer).length).toBeGreaterThan(0);
  });
});
