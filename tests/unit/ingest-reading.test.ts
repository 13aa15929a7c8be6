// How ingest reads article text: dates with their precision, amounts (money ranges, scales, percentages,
// counts), sections from headings and bold labels, sentences, and the WordPress post shape.
import { describe, expect, it } from "vitest";
import { findAmounts, formatAmount } from "../../src/ingest/amounts.js";
import { findDates, readLeadDate } from "../../src/ingest/dates.js";
import { sectionsOf } from "../../src/ingest/html-sections.js";
import { sentencesOf } from "../../src/ingest/sentences.js";
import { readWordpressPost } from "../../src/ingest/wordpress-post.js";
import { IngestError } from "../../src/ingest/errors.js";

const REF = new Date("2025-06-14T20:03:33Z");
const datesOf = (s: string) => findDates(s, REF).map((d) => d.value);

describe("dates with precision", () => {
  it.each([
    ["AWS announced Trainium in 2020.", ["2020"]],
    ["In April 2023, AWS announced Bedrock.", ["2023-04"]],
    ["Sept 2023: AWS introduces Trn1n instances.", ["2023-09"]],
    ["September 25, 2023: Amazon announces a deal.", ["2023-09-25"]],
    ["Amazon's Q1 2025 SEC filings showed a stake.", ["2025-Q1"]],
    ["Revenue rose in the fourth quarter of 2024.", ["2024-Q4"]],
    ["Capacity doubles in H2 2025.", ["2025-H2"]],
    ["Shipments start in the second half of 2025.", ["2025-H2"]],
    ["In mid-2023, AWS signaled interest.", ["mid-2023"]],
    ["By late 2024, reports said so.", ["late 2024"]],
    ["Google invested in early 2022.", ["early 2022"]],
    ["The plan runs to the end of 2026.", ["late 2026"]],
    ["2021-2022: AWS expands AI services.", ["2021..2022"]],
    ["In 2023–24, Anthropic advanced Claude.", ["2023..2024"]],
    ["EPYC in 2018, Rome in 2020 and Genoa in 2023.", ["2018", "2020", "2023"]],
  ])("%s", (sentence, expected) => {
    expect(datesOf(sentence)).toEqual(expected);
  });

  it.each([
    "24/7 Wall St. noted the purchase.",
    "It paid $2025 million for H100 and A100 GPUs.",
    "The company has 2,024 engineers and grew 2024% on M7a.",
    "AWS can now offer models today.",
  ])("reads no date in %s", (sentence) => {
    expect(datesOf(sentence)).toEqual([]);
  });

  it("reads a label that is only a date as a lead date", () => {
    expect(readLeadDate("Late 2024:")).toBe("late 2024");
    expect(readLeadDate("September 25, 2023:")).toBe("2023-09-25");
    expect(readLeadDate("Managed AI Services:")).toBeUndefined();
    expect(readLeadDate("Doubling Down to $8B (2024):")).toBeUndefined();
  });
});

describe("amounts", () => {
  it("reads a money range with the upper end as the amount", () => {
    const [a] = findAmounts("worth about $84–85 million");
    expect(a).toMatchObject({ kind: "money", amount: 85e6, min: 84e6, currency: "USD", modifier: "about" });
    expect(formatAmount(a!)).toBe("$84–85 million");
  });

  it.each([
    ["up to $4 billion in Anthropic", 4e9, "up to"],
    ["an initial $1.25 billion equity injection", 1.25e9, undefined],
    ["~$30B post-money", 30e9, "about"],
    ["$84 M of AMD stock", 84e6, undefined],
    ["a €2bn facility", 2e9, undefined],
  ])("%s", (text, amount, modifier) => {
    const [a] = findAmounts(text);
    expect(a).toMatchObject({ kind: "money", amount });
    expect(a!.modifier).toBe(modifier);
  });

  it("reads percentages and counts with their unit, and not years or model names", () => {
    expect(findAmounts("for ~10% stake and 822,234 shares").map((a) => [a.kind, a.amount, a.unit])).toEqual([["percentage", 10, "percent"], ["count", 822234, "shares"]]);
    expect(findAmounts("a 100k-token context")[0]).toMatchObject({ kind: "count", amount: 100_000 });
    expect(findAmounts("In 2023 AWS launched Inf2 and Trn1 instances")).toEqual([]);
  });
});

describe("sections and sentences", () => {
  const html = `<p>Opening words about AWS and its chips.</p>
    <h2>AWS: Cloud</h2><p>AWS is large. It grows.</p>
    <ul><li><strong>Custom Chips:</strong> Trainium trains models.</li><li><em>2019:</em> Inferentia launches.</li></ul>
    <p>Back in the cloud section again.</p>
    <p><strong>Figure:</strong> A stack picture.</p>
    <script>steal()</script><style>p{}</style><iframe src="https://x.invalid"></iframe><form><input value="secret"></form>`;
  const sections = sectionsOf(html);

  it("opens a section at each heading and each bold label; a list item's label holds to the end of its list", () => {
    expect(sections.map((s) => [s.id, s.title, s.blocks.map((b) => b.text)])).toEqual([
      ["introduction", "Introduction", ["Opening words about AWS and its chips."]],
      ["aws-cloud", "AWS: Cloud", ["AWS is large. It grows.", "Back in the cloud section again."]],
      ["custom-chips", "Custom Chips", ["Trainium trains models.", "2019: Inferentia launches."]],
      ["figure", "Figure", ["A stack picture."]],
    ]);
    expect(sections[2]!.blocks[1]!.leadDate).toBe("2019");
  });

  it("never reads scripts, styles, iframes or forms", () => {
    const all = JSON.stringify(sections);
    for (const word of ["steal", "p{}", "x.invalid", "secret"]) expect(all).not.toContain(word);
  });

  it("splits sentences but not at abbreviations, decimals or initials", () => {
    expect(sentencesOf("Amazon put in $1.25 billion (e.g. cash). As D.A. Davidson's Gil Luria put it, it matters. 24/7 Wall St. agreed.")).toEqual([
      "Amazon put in $1.25 billion (e.g. cash).",
      "As D.A. Davidson's Gil Luria put it, it matters.",
      "24/7 Wall St. agreed.",
    ]);
  });
});

describe("the WordPress post shape", () => {
  const post = { id: 1, date: "2025-01-01T00:00:00", modified: "2025-01-01T00:00:00", link: "https://x.example/p/", title: { rendered: "T" }, content: { rendered: "<p>x</p>" } };
  const problem = (value: unknown) => {
    try {
      readWordpressPost(value, "post.json");
    } catch (err) {
      expect(err).toBeInstanceOf(IngestError);
      return (err as IngestError).message;
    }
    return "accepted";
  };

  it("accepts a post and names the first missing or wrong field otherwise", () => {
    expect(problem(post)).toBe("accepted");
    expect(problem({ ...post, content: undefined })).toBe('post.json is not a WordPress post: missing field "content"');
    expect(problem({ ...post, title: { raw: "T" } })).toBe('post.json is not a WordPress post: missing field "title.rendered"');
    expect(problem({ ...post, link: "not a url" })).toMatch(/field "link": /);
    expect(problem([post])).toMatch(/is a list, not one WordPress post/);
    expect(problem("text")).toMatch(/expected a JSON object/);
  });
});
