// Small edits to a curated YAML file that leave every other line as it is (a reviewer's diff shows only the
// change): append items to a block list, replace one scalar. Located through the yaml library's node ranges;
// each edit is checked by parsing the result, and falls back to re-serialising the document if it misreads.
import { isMap, isSeq, parseDocument, stringify, type Document } from "yaml";
import { isDeepStrictEqual } from "node:util";

type Path = (string | number)[];

function nodeAt(doc: Document, path: Path) {
  return doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
}

/** Appends `items` to the block sequence at `path` (which must exist). */
export function appendToSeq(text: string, path: Path, items: unknown[]): string {
  const doc = parseDocument(text);
  const seq = doc.getIn(path, true);
  const expected = doc.toJS() as unknown;
  const target = getIn(expected, path) as unknown[];
  target.push(...(JSON.parse(JSON.stringify(items)) as unknown[]));
  if (!isSeq(seq) || seq.flow || !seq.range || seq.items.length === 0) return fallback(doc, path, items);
  const start = seq.range[0];
  const indent = start - text.lastIndexOf("\n", start - 1) - 1;
  const end = seq.range[1];
  // insert at the start of the line after the sequence's last value
  const at = text.lastIndexOf("\n", end - 1) + 1 === end ? end : text.indexOf("\n", end - 1) + 1 || text.length;
  const block = stringify(items, { lineWidth: 120, indentSeq: false })
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => " ".repeat(indent) + l)
    .join("\n");
  const out = text.slice(0, at) + (at > 0 && text[at - 1] !== "\n" ? "\n" : "") + block + "\n" + text.slice(at);
  return isDeepStrictEqual(parseDocument(out).toJS(), expected) ? out : fallback(parseDocument(text), path, items);
}

/** Replaces the plain or quoted scalar at `path` with `value` (a string, written single-quoted). */
export function setScalar(text: string, path: Path, value: string): string {
  const doc = parseDocument(text);
  const node = nodeAt(doc, path);
  const expected = doc.toJS() as Record<string, unknown>;
  setIn(expected, path, value);
  if (node?.range) {
    const out = text.slice(0, node.range[0]) + `'${value.replace(/'/g, "''")}'` + text.slice(node.range[1]);
    if (isDeepStrictEqual(parseDocument(out).toJS(), expected)) return out;
  }
  doc.setIn(path, value);
  return doc.toString({ lineWidth: 120, indentSeq: false });
}

function fallback(doc: Document, path: Path, items: unknown[]): string {
  const seq = doc.getIn(path, true);
  if (isSeq(seq)) for (const item of items) seq.add(doc.createNode(item));
  else doc.setIn(path, doc.createNode(items));
  return doc.toString({ lineWidth: 120, indentSeq: false });
}

function getIn(value: unknown, path: Path): unknown {
  let at = value;
  for (const key of path) at = (at as Record<string | number, unknown>)[key];
  return at;
}

function setIn(value: unknown, path: Path, v: unknown): void {
  const parent = getIn(value, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = v;
}

/** Index of the record with this id in the top-level list `section` of a YAML text, or -1. */
export function recordIndex(text: string, section: string, id: string): number {
  const doc = parseDocument(text);
  const list = doc.get(section, true);
  if (!isSeq(list)) return -1;
  return list.items.findIndex((item) => isMap(item) && item.get("id") === id);
}
