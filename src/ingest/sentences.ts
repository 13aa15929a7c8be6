// Sentences of a text block, with sbd (abbreviations, numbers like "$1.25", "e.g.", "Wall St." do not end a
// sentence). One repair on top: sbd ends a sentence after a name's initials ("As D.A. | Davidson's …"); a
// "sentence" of at most three words that ends in initials is joined to the next.
import sbd from "sbd";

const INITIALS_END = /(?:^|\s)(?:\p{Lu}\.){2,}$/u;
const MAX_INITIALS_FRAGMENT_WORDS = 3;

export function sentencesOf(text: string): string[] {
  const raw = sbd.sentences(text, { newline_boundaries: true, preserve_whitespace: false });
  const out: string[] = [];
  for (const s of raw.map((x) => x.trim()).filter(Boolean)) {
    const prev = out[out.length - 1];
    if (prev !== undefined && INITIALS_END.test(prev) && prev.split(/\s+/).length <= MAX_INITIALS_FRAGMENT_WORDS) out[out.length - 1] = `${prev} ${s}`;
    else out.push(s);
  }
  return out;
}
