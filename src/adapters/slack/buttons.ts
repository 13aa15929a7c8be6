// The ids and values of the answer buttons that act on the answer itself: Show more (the next page, replacing the
// message in place), Suggest for the knowledge base (on a refusal) and Show as picture (a timeline's picture, sent
// privately where the reply cannot carry a file). Share and feedback ids live in render.ts.
export const ACTION_MORE = "aistack_more";
export const ACTION_SUGGEST = "aistack_suggest";
export const ACTION_PICTURE = "aistack_picture";

/** Show more carries the answer's id and the page to show: "Xy12ab:2". */
export const moreValue = (answerId: string, page: number) => `${answerId}:${page}`;

export function parseMoreValue(value: string): { answerId: string; page: number } | undefined {
  const m = /^([A-Za-z0-9_-]{1,64}):(\d{1,4})$/.exec(value);
  return m ? { answerId: m[1]!, page: Number(m[2]) } : undefined;
}
