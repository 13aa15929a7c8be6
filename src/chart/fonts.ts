// The one font the picture uses, shipped in an npm package (dejavu-fonts-ttf) so it renders the same on every
// machine, and the text measurement the layout needs to keep labels apart: widths come from the font's own
// glyph advances (fontkit), the same numbers resvg lays the text out with.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { openSync, type Font } from "fontkit";

export type FontWeight = "normal" | "bold";

const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");

/** The TrueType files resvg is given (with system fonts off), regular and bold. */
export const FONT_FILES: Readonly<Record<FontWeight, string>> = Object.freeze({
  normal: join(FONT_DIR, "DejaVuSans.ttf"),
  bold: join(FONT_DIR, "DejaVuSans-Bold.ttf"),
});

const ELLIPSIS = "…";

interface Metrics {
  font: Font;
  /** advance width in font units, by code point */
  advance: Map<number, number>;
}

const metrics = new Map<FontWeight, Metrics>();

function metricsFor(weight: FontWeight): Metrics {
  let m = metrics.get(weight);
  if (!m) {
    const font = openSync(FONT_FILES[weight]);
    if (!("glyphForCodePoint" in font)) throw new Error(`${FONT_FILES[weight]} is a font collection, expected one font`);
    m = { font, advance: new Map() };
    metrics.set(weight, m);
  }
  return m;
}

/**
 * Width of `text` in pixels at `size`. Sums glyph advances without kerning: DejaVu's kerning only ever
 * narrows a pair, so this is a safe upper bound for the space a label needs.
 */
export function textWidth(text: string, size: number, weight: FontWeight = "normal"): number {
  const m = metricsFor(weight);
  let units = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    let w = m.advance.get(cp);
    if (w === undefined) {
      w = m.font.glyphForCodePoint(cp).advanceWidth;
      m.advance.set(cp, w);
    }
    units += w;
  }
  return (units * size) / m.font.unitsPerEm;
}

/** `text` as it fits in `width`: whole, or cut at a word (or, for one long word, a character) with "…". */
export function fitText(text: string, width: number, size: number, weight: FontWeight = "normal"): string {
  if (textWidth(text, size, weight) <= width) return text;
  const chars = [...text];
  // longest prefix that fits with the ellipsis: binary search on characters, then back off to a word end
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(chars.slice(0, mid).join("") + ELLIPSIS, size, weight) <= width) lo = mid;
    else hi = mid - 1;
  }
  const prefix = chars.slice(0, lo).join("");
  const wordEnd = prefix.replace(/\s+\S*$/, "");
  const cut = wordEnd.length >= prefix.length * 0.6 ? wordEnd : prefix;
  return cut.replace(/[\s,;:–-]+$/, "") + ELLIPSIS;
}

/** Break opportunities: after spaces (dropped at a line end) and after dashes ("Amazon–" | "Anthropic"). */
function tokens(text: string): { word: string; space: boolean }[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => {
      const parts = w.split(/(?<=[–—-])(?=\S)/);
      return parts.map((part, i) => ({ word: part, space: i === parts.length - 1 }));
    });
}

/** Word-wraps `text` into at most `maxLines` lines of `width`; the last line ends in "…" when text is left over. */
export function wrapText(text: string, width: number, size: number, maxLines: number, weight: FontWeight = "normal"): string[] {
  const words = tokens(text);
  const lines: string[] = [];
  let line = "";
  let joiner = "";
  let i = 0;
  for (; i < words.length && lines.length < maxLines; i++) {
    const { word, space } = words[i]!;
    const candidate = line + joiner + word;
    if (!line || textWidth(candidate, size, weight) <= width) {
      if (!line && textWidth(word, size, weight) > width) {
        // one word wider than the line: cut it
        lines.push(fitText(word, width, size, weight));
        joiner = "";
        continue;
      }
      line = candidate;
      joiner = space ? " " : "";
      continue;
    }
    lines.push(line);
    line = "";
    joiner = "";
    i--;
  }
  if (line && lines.length < maxLines) lines.push(line);
  const rest = words.slice(i).map((w) => w.word + (w.space ? " " : "")).join("").trim();
  if (rest && lines.length) {
    // text is left over: the last line takes as much of it as fits, with "…"
    const last = lines.pop()!;
    lines.push(fitText(`${last}${last.endsWith("–") || last.endsWith("-") ? "" : " "}${rest}`, width, size, weight));
  }
  return lines;
}
