import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterEach, describe, expect, it } from "vitest";
import { ChartError, renderTimelineChart, timelineSvg } from "../../src/chart/index.js";
import { CHART, ROW_COLOURS } from "../../src/chart/config.js";
import { CHART_FIXTURES, chartFixture } from "../helpers/chart-fixtures.js";
import { finishAnswer } from "../../src/core/answer.js";

const GOLDEN_DIR = join(import.meta.dirname, "..", "golden", "chart");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

async function svgOf(name: (typeof CHART_FIXTURES)[number], warnings: string[] = []) {
  const { answer, hints } = chartFixture(name);
  return (await timelineSvg(answer, { hints, warn: (m) => warnings.push(m) })).svg;
}

describe("timeline chart goldens", () => {
  for (const name of CHART_FIXTURES) {
    it(`draws the ${name} timeline exactly as tests/golden/chart/${name}.svg, with no vega warning`, async () => {
      const warnings: string[] = [];
      const svg = await svgOf(name, warnings);
      const file = join(GOLDEN_DIR, `${name}.svg`);
      if (UPDATE) {
        mkdirSync(GOLDEN_DIR, { recursive: true });
        writeFileSync(file, svg);
      }
      if (!existsSync(file)) throw new Error(`golden ${file} is missing: run with UPDATE_GOLDEN=1, look at the PNG, and commit it`);
      expect(warnings).toEqual([]);
      expect(svg).toBe(readFileSync(file, "utf8"));
    });
  }

  it("a golden comparison fails when the picture changes", async () => {
    const { answer, hints } = chartFixture("few");
    const changed = (await timelineSvg({ ...answer, headline: "Timeline: Claude 4" }, { hints })).svg;
    expect(changed).not.toBe(readFileSync(join(GOLDEN_DIR, "few.svg"), "utf8"));
  });

  describe("in another time zone", () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });
    it("draws the same picture (dates are read and formatted in UTC)", async () => {
      process.env.TZ = "Pacific/Kiritimati";
      expect(await svgOf("precisions")).toBe(readFileSync(join(GOLDEN_DIR, "precisions.svg"), "utf8"));
      process.env.TZ = "America/Los_Angeles";
      expect(await svgOf("precisions")).toBe(readFileSync(join(GOLDEN_DIR, "precisions.svg"), "utf8"));
    });
  });
});

describe("renderTimelineChart PNG", () => {
  it("is a PNG of the declared size, 1200 px wide, drawn in the rows' colours on a light background", async () => {
    const { answer, hints } = chartFixture("precisions");
    const chart = await renderTimelineChart(answer, { hints });
    const png = PNG.sync.read(Buffer.from(chart.png));
    expect([png.width, png.height]).toEqual([chart.width, chart.height]);
    expect(png.width).toBe(CHART.width * CHART.pngScale);
    expect(png.width).toBeGreaterThanOrEqual(800);
    const svgHeight = Number(chart.svg.match(/height="(\d+)"/)![1]);
    expect(png.height).toBe(Math.round(svgHeight * CHART.pngScale));

    const pixels = png.width * png.height;
    let white = 0;
    let firstRowColour = 0;
    const [r0, g0, b0] = [1, 3, 5].map((i) => parseInt(ROW_COLOURS[0]!.slice(i, i + 2), 16));
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
      if (r === 255 && g === 255 && b === 255) white++;
      if (r === r0 && g === g0 && b === b0) firstRowColour++;
    }
    expect(png.data[0]).toBe(255); // top-left corner: the white background
    expect(white / pixels).toBeGreaterThan(0.6); // a light picture …
    expect(white / pixels).toBeLessThan(0.97); // … with a good deal drawn on it
    expect(firstRowColour).toBeGreaterThan(100); // the first row's swatch and mark outlines
  });

  it("alt text names the timeline and lists its events, within Discord's 1024 characters", async () => {
    for (const name of CHART_FIXTURES) {
      const { answer, hints } = chartFixture(name);
      const { alt } = await timelineSvg(answer, { hints });
      expect(alt.length).toBeLessThanOrEqual(CHART.altTextMax);
      expect(alt).toContain(answer.headline);
      expect(alt).toContain(" 1. ");
    }
    const { alt } = await timelineSvg(chartFixture("few").answer, { hints: chartFixture("few").hints });
    expect(alt).toMatch(/ 5\. [^]*$/);
    expect(alt).not.toContain("more in the text answer");
    const many = await timelineSvg(chartFixture("many").answer, { hints: chartFixture("many").hints });
    expect(many.alt).toMatch(/… and \d+ more in the text answer\.$/);
  });

  it("refuses an answer that is not a timeline, with a coded error", async () => {
    const fact = finishAnswer({ kind: "fact", query: "q", headline: "h", sections: [], suggestions: [], confident: true });
    await expect(renderTimelineChart(fact)).rejects.toBeInstanceOf(ChartError);
    await expect(renderTimelineChart(fact)).rejects.toMatchObject({ code: "chart_not_timeline" });
  });
});

describe("hostile text", () => {
  it("markup is escaped and control characters are dropped, so the SVG stays valid and the PNG renders", async () => {
    const { answer } = chartFixture("few");
    const items = answer.sections[0]!.items;
    const hostile = {
      ...answer,
      headline: "Timeline: <b>&amp;</b> \u0000",
      sections: [{ items: [{ ...items[0]!, text: `<script>alert("x")</script> & 'quotes' \u0001\u0008 bell \u001b[2J \uffff end` }, { ...items[1]!, title: "R&D <Lab> \u0007" }, ...items.slice(2)] }],
    };
    const chart = await renderTimelineChart(hostile);
    expect(chart.svg).not.toContain("<script>");
    expect(chart.svg).toContain("&lt;script&gt;");
    expect(chart.svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uffff]/);
    expect(PNG.sync.read(Buffer.from(chart.png)).width).toBe(1200);
  });
});
