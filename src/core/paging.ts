// Pages of a long answer. A timeline is cut into pages from its newest end, so the first page always has the
// newest events and Show more goes back in time; nothing is ever dropped, only moved to a later page.

/**
 * Events on one page of a timeline. Ten fit every surface without a cut inside the page: Slack shows up to 20
 * items in one message, Discord's embed description holds 4,096 characters (ten events with a conflict note each
 * measure about 3,000), and a chat reader can take in ten lines at a glance.
 */
export const TIMELINE_PAGE_SIZE = 10;

/** Highest page number anyone can ask for (a typed "page 99999" is read as the last page, never as work). */
const MAX_PAGE = 999;

/**
 * Most events one page may hold when a caller asks for bigger pages (`pageSize`): a timeline picture draws up to
 * 25 at once; anything larger is read as this, so no argument makes a page unbounded.
 */
export const MAX_PAGE_SIZE = 50;

const TRAILING_PAGE = /\s+page\s+(\d{1,4})\s*$/i;

/** "timeline anthropic page 2" → the text without it and page 2; text without a trailing "page N" is unchanged. */
export function takePage(text: string): { text: string; page?: number } {
  const m = TRAILING_PAGE.exec(text);
  if (!m) return { text };
  return { text: text.slice(0, m.index), page: readPage(m[1]) };
}

/** A page number from a button or an option: a whole number from 1, anything else is page 1. */
export function readPage(value: string | number | undefined): number {
  const n = typeof value === "number" ? value : Number.parseInt(String(value ?? ""), 10);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_PAGE) : 1;
}

/** Splits items (oldest first) into pages of `size` from the newest end: page 1 is the newest `size`, in order. */
export function pagesFromEnd<T>(items: readonly T[], size: number): T[][] {
  const pages: T[][] = [];
  for (let end = items.length; end > 0; end -= size) pages.push(items.slice(Math.max(0, end - size), end));
  return pages;
}

/** A page size from an arg: a whole number from 1 up to MAX_PAGE_SIZE; anything else means the default. */
export function readPageSize(value: string | undefined): number | undefined {
  const n = Number.parseInt(String(value ?? ""), 10);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_PAGE_SIZE) : undefined;
}

/**
 * The page a command's args ask for: a `page` arg (a Show more button) or a trailing "page N" typed after the
 * text option ("timeline anthropic page 2"), which is removed from it; and a `pageSize` arg (never typed: the app
 * asks for bigger pages to draw a timeline's picture). Other args pass through unchanged.
 */
export function pageArgs(args: Record<string, string>): { args: Record<string, string>; page?: number; pageSize?: number } {
  const { page: pageArg, pageSize: sizeArg, ...rest } = args;
  const pageSize = readPageSize(sizeArg);
  let page = pageArg !== undefined ? readPage(pageArg) : undefined;
  for (const key of PAGED_TEXT_ARGS) {
    const value = rest[key];
    if (value === undefined) continue;
    const typed = takePage(value);
    if (typed.page === undefined) continue;
    rest[key] = typed.text;
    page ??= typed.page;
  }
  return { args: rest, ...(page ? { page } : {}), ...(pageSize ? { pageSize } : {}) };
}

/** The text options a trailing "page N" may follow: a question and a timeline's subject. */
const PAGED_TEXT_ARGS = ["question", "subject"] as const;
