// Post HTML → sections of text blocks, with cheerio. Headings start sections, and so does a paragraph or list
// item that opens with a bold label ("<strong>Custom AI Chips:</strong> …"), which is how these posts mark
// subsections. Scripts, styles, iframes, forms and media are removed before any text is read: never stored.
import * as cheerio from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { readLeadDate } from "./dates.js";

export interface TextBlock {
  /** the block's own words, whitespace collapsed; a leading date label ("2018:") is kept, a section label is not */
  text: string;
  /** a date the block opens with ("<em>Sept 2023:</em> …"): it dates the block's sentences that name no date */
  leadDate?: string;
}

export interface Section {
  id: string;
  title: string;
  blocks: TextBlock[];
}

const BLOCK_TAGS = ["p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "dd", "dt", "pre", "div"];
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
/** Never read, never stored: active content and media. */
const IGNORED = "script, style, iframe, noscript, object, embed, form, input, button, select, textarea, svg, canvas, video, audio, template, img, picture, source";
/** A bold or italic label ends with a colon and is short: "Managed AI Services:", "Sept 2023:". */
const MAX_LABEL_WORDS = 10;

export function sectionsOf(html: string, introTitle = "Introduction"): Section[] {
  const $ = cheerio.load(html, null, false);
  $(IGNORED).remove();
  $("br").replaceWith("\n");
  const sections: Section[] = [];
  const usedIds = new Set<string>();
  const open = (title: string): Section => {
    const section: Section = { id: uniqueId(slug(title) || "section", usedIds), title, blocks: [] };
    sections.push(section);
    return section;
  };
  let current = open(introTitle);
  /** the section a list or table belongs to, restored when a labelled list item's subsection ends with its list */
  let parent = current;
  const blockSelector = BLOCK_TAGS.join(",");
  $(blockSelector).each((_, node) => {
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    const text = ownText($, el, blockSelector);
    if (!text) return;
    if (HEADINGS.has(tag)) {
      current = parent = open(text.replace(/[:.]\s*$/, ""));
      return;
    }
    const label = leadingLabel($, el);
    const inList = tag === "li" && $(el).parent().is("ul, ol");
    if (!inList && tag !== "td" && tag !== "th" && current !== parent && !$(el).closest("ul, ol").length) current = parent;
    if (label && !readLeadDate(label.text)) {
      const rest = text.slice(label.text.length).replace(/^\s*[:–—-]?\s*/, "");
      current = open(label.text.replace(/:\s*$/, ""));
      if (!inList) parent = current;
      if (rest) current.blocks.push({ text: rest });
      return;
    }
    const leadDate = label ? readLeadDate(label.text) : undefined;
    current.blocks.push(leadDate ? { text, leadDate } : { text });
  });
  return sections.filter((s) => s.blocks.length > 0);
}

/** The block's text without the text of block elements nested in it (those are read on their own). */
function ownText($: cheerio.CheerioAPI, el: Element, blockSelector: string): string {
  const copy = $(el).clone();
  copy.find(blockSelector).remove();
  return copy.text().replace(/[ \t\r\f\v\u00a0]+/g, " ").replace(/ *\n+ */g, "\n").trim();
}

/** "<strong>X:</strong> …" or "<em>X:</em> …" at the very start of a block: its text, colon included. */
function leadingLabel($: cheerio.CheerioAPI, el: Element): { text: string } | undefined {
  const first = $(el).contents().toArray().find((n: AnyNode) => !(n.type === "text" && !(n as unknown as { data: string }).data.trim()));
  if (!first || first.type !== "tag" || !["strong", "b", "em", "i"].includes((first as Element).tagName.toLowerCase())) return undefined;
  const raw = $(first).text().replace(/\s+/g, " ").trim();
  // The colon may sit inside the tag ("<strong>Figure:</strong>") or right after it ("<em>2018</em>: …").
  const after = first.next && first.next.type === "text" ? (first.next as unknown as { data: string }).data : "";
  const text = raw.endsWith(":") ? raw : after.trimStart().startsWith(":") ? `${raw}:` : "";
  if (!text || text.split(" ").length > MAX_LABEL_WORDS) return undefined;
  return { text };
}

export function slug(text: string, maxWords = 6): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[’']/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, maxWords)
    .join("-");
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}
