// Every tuned number of the timeline picture, in one place, with its reason. Sizes are in layout pixels; the
// PNG is rendered at PNG_SCALE so it stays sharp when a chat client shows it at 800–1200 px.

export const CHART = Object.freeze({
  /** Layout width. Slack and Discord previews are 360–550 px wide and open full size on click; 960 keeps
   *  12–13 px text readable when the 1200 px PNG is shown at 800 px (about 10 px on screen). */
  width: 960,
  /** PNG pixels per layout pixel: 960 × 1.25 = 1200 px wide, the top of the 800–1200 px range asked for. */
  pngScale: 1.25,
  /** Outer margin on every side. */
  margin: 16,
  /** Left gutter for row names ("AWS Trainium", "Other"), on up to `rowLabelLines` lines; longer names end in "…". */
  rowLabelWidth: 148,
  rowLabelLines: 3,
  /** Space between the plot's right edge and the picture's edge, so a label beside the last date stays inside. */
  plotRightPad: 8,

  /** At most this many rows (the issue: "about 8"): six with a colour each from ROW_COLOURS, which has six
   *  that stay apart for colour-blind readers, and a grey seventh for one more entity or "Other" for the rest. */
  maxRows: 7,
  /** Height of one lane inside a row; events that would touch get a lane each. Fits a 13 px label. */
  laneHeight: 22,
  /** Space above and below the lanes of a row, so neighbouring rows' marks never touch. */
  rowPadding: 5,
  /** A bar's height and a point's diameter: big enough to see hollow vs filled at 800 px. */
  markSize: 14,
  /** Minimum bar width: a one-day range would otherwise vanish; anything shorter is still a bar, not a point. */
  minBarWidth: 6,
  /** Colour swatch before a row name and a legend number (names and numbers stay dark for contrast). */
  swatch: 9,
  /** Horizontal gap a label keeps from its mark and from the next event in the same lane. */
  labelGap: 4,

  /** Font sizes: headline, body text (summary, legend, row names), mark labels, axis, footer. */
  font: Object.freeze({ headline: 18, body: 12.5, mark: 12, axis: 12, footer: 11 }),
  /** Line height as a multiple of the font size (DejaVu Sans has tall ascenders). */
  lineHeight: 1.35,
  /** Legend lines per event: two lines carry most events' gist; past `compactLegendAfter` events, one line each
   *  (~140 characters) keeps a 25-event picture about 1.3 times as tall as wide, so chat previews stay legible. */
  legendLines: 2,
  compactLegendAfter: 12,
  /** Width of the legend's number column ("12") and its date column ("late 2023 – 2024"). */
  legendNumberWidth: 34,
  legendDateWidth: 118,

  /** Vertical space for the headline block, the mark key and the time axis. */
  headerGap: 10,
  keyHeight: 24,
  axisHeight: 22,
  /** Space between blocks (plot, legend, footer). */
  blockGap: 14,

  /** Most events one picture draws: a 25-event picture is about 1.4 times as tall as wide (1200 × 1684 px for Anthropic) (see compactLegendAfter),
   *  the tallest that stays legible in a chat preview; a longer timeline's picture shows its newest 25 and says so. */
  maxEvents: 25,

  /** Alt text limit: Discord's attachment description takes 1024 characters, Slack's alt text 2000. */
  altTextMax: 1000,

  /** Pad the time axis to whole years when the events span more than this many years, else to quarters. */
  yearTicksAfterYears: 2,
});

/**
 * Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), minus its yellow, which is
 * unreadable on white, and its black, kept for text; grey is the "Other" row. Order: most distinct first.
 */
export const ROW_COLOURS = Object.freeze(["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]);
export const OTHER_COLOUR = "#7F7F7F";

export const INK = Object.freeze({
  background: "#FFFFFF",
  text: "#1A1A1A",
  muted: "#555555",
  grid: "#E3E3E3",
  rowBand: "#F5F5F5",
  /** fill of a hollow (disputed) mark */
  hollow: "#FFFFFF",
});

/** The font family every text uses, shipped in the dejavu-fonts-ttf package (see fonts.ts). */
export const FONT_FAMILY = "DejaVu Sans";
