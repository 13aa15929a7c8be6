import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fitText, FONT_FILES, textWidth, wrapText } from "../../src/chart/fonts.js";

describe("the shipped font", () => {
  it("comes from the dejavu-fonts-ttf package, regular and bold", () => {
    expect(FONT_FILES.normal).toMatch(/dejavu-fonts-ttf[\\/]ttf[\\/]DejaVuSans\.ttf$/);
    expect(FONT_FILES.bold).toMatch(/DejaVuSans-Bold\.ttf$/);
    for (const f of Object.values(FONT_FILES)) expect(existsSync(f)).toBe(true);
  });
});

describe("textWidth", () => {
  it("uses DejaVu Sans's advances: digits are 1303/2048 em, bold is wider, width scales with size", () => {
    expect(textWidth("0", 2048)).toBeCloseTo(1303, 6);
    expect(textWidth("2024", 12)).toBeCloseTo((4 * 1303 * 12) / 2048, 6);
    expect(textWidth("Anthropic", 12, "bold")).toBeGreaterThan(textWidth("Anthropic", 12));
    expect(textWidth("Anthropic", 24)).toBeCloseTo(2 * textWidth("Anthropic", 12), 6);
    expect(textWidth("", 12)).toBe(0);
  });
});

describe("fitText", () => {
  it("keeps text that fits and cuts the rest at a word, with an ellipsis, within the width", () => {
    expect(fitText("Amazon", 200, 12)).toBe("Amazon");
    const cut = fitText("Amazon Web Services and its custom chips", 120, 12);
    expect(cut).toMatch(/^Amazon Web.*…$/);
    expect(cut.endsWith(" …")).toBe(false);
    expect(textWidth(cut, 12)).toBeLessThanOrEqual(120);
  });

  it("cuts one long word by characters", () => {
    const cut = fitText("Supercalifragilisticexpialidocious", 60, 12);
    expect(cut.endsWith("…")).toBe(true);
    expect(textWidth(cut, 12)).toBeLessThanOrEqual(60);
  });
});

describe("wrapText", () => {
  const text = "Amazon's 2023 Anthropic deal gave it an initial $1.25 billion equity injection in 2023, with the option to increase to the full $4B over time.";

  it("wraps at words into lines that fit, and marks cut text with an ellipsis on the last line", () => {
    const lines = wrapText(text, 200, 12, 2);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(textWidth(line, 12)).toBeLessThanOrEqual(200);
    expect(lines[1]!.endsWith("…")).toBe(true);
    expect(wrapText(text, 2000, 12, 2)).toEqual([text]);
  });

  it("breaks after a dash when a word is too long for the line", () => {
    expect(wrapText("Amazon–Anthropic 2023 investment", 127, 12.5, 3, "bold")).toEqual(["Amazon–", "Anthropic 2023", "investment"]);
  });

  it("returns no lines for empty text", () => {
    expect(wrapText("   ", 100, 12, 2)).toEqual([]);
  });
});
