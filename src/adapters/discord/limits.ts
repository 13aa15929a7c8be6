// Discord's message and interaction limits as named constants (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
// The renderer and the command builder read them from here; nothing else hard-codes a number.
export const DISCORD_LIMITS = {
  content: 2_000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4_096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1_024,
  footerText: 2_048,
  authorName: 256,
  /** title + description + field names and values + footer + author, summed over every embed of one message */
  embedTotal: 6_000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  /** application commands */
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  optionChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  autocompleteChoices: 25,
} as const;

export const COMMAND_NAME_PATTERN = /^[-_a-z0-9]{1,32}$/;

/** "…and N more": the one way every truncation is announced. */
export const andMore = (n: number) => `…and ${n} more`;

/** Cuts text to at most `max` characters (by UTF-16 code unit, as Discord counts), ending with "…" when cut. */
export function clip(text: string, max: number): string {
  if (max <= 0) return "";
  if (text.length <= max) return text;
  if (max === 1) return "…";
  let cut = text.slice(0, max - 1);
  // never leave half a surrogate pair
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.trimEnd() + "…";
}

/**
 * Joins lines with "\n" within `max` characters. Lines that do not fit are counted and announced with
 * "…and N more" on the last line; a single overlong line is clipped. Never exceeds `max`.
 */
export function joinWithin(lines: readonly string[], max: number, sep = "\n"): string {
  if (max <= 0 || lines.length === 0) return "";
  const out: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const add = (out.length ? sep.length : 0) + line.length;
    const remaining = lines.length - i - 1;
    // room for this line and, if more lines follow, for the "…and N more" that may be needed later
    const reserve = remaining > 0 ? sep.length + andMore(remaining).length : 0;
    if (used + add + reserve <= max || (remaining === 0 && used + add <= max)) {
      out.push(line);
      used += add;
      continue;
    }
    const left = lines.length - i;
    const more = andMore(left);
    if (out.length === 0) {
      // not even one line fits whole: clip the first and still say how many are left
      const tail = left - 1 > 0 ? sep + andMore(left - 1) : "";
      if (tail.length < max - 1) return clip(line, max - tail.length) + tail;
      return clip(more, max);
    }
    if (used + sep.length + more.length <= max) return out.join(sep) + sep + more;
    // drop lines until the notice fits
    while (out.length && out.join(sep).length + sep.length + andMore(lines.length - out.length).length > max) out.pop();
    return out.length ? out.join(sep) + sep + andMore(lines.length - out.length) : clip(andMore(lines.length), max);
  }
  return out.join(sep);
}
