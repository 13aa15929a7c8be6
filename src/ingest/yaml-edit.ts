// Small edits to a curated YAML file that leave every other line as it is (a reviewer's diff shows only the
// change): append items to block lists, replace scalars. All edits to one file are located in one parse
// (the yaml library's node ranges), applied from the end backwards, and checked by parsing the result;
// if the result misreads, the document is re-serialised instead.
import { isDeepStrictEqual } from "node:util";
import { isSeq, parseDocument, stringify, type Document } from "yaml";

type Path = (string | number)[];

export type YamlEdit = { kind: "append"; path: Path; items: unknown[] } | { kind: "set"; path: Path; value: string };

export function editYaml(text: string, given: YamlEdit[]): string {
  if (given.length === 0) return text;
  // appends to one list become one block, in order
  const edits: YamlEdit[] = [];
  for (const e of given) {
    const same = e.kind === "append" ? edits.find((x) => x.kind === "append" && isDeepStrictEqual(x.path, e.path)) : undefined;
    if (same && same.kind === "append" && e.kind === "append") same.items = [...same.items, ...e.items];
    else edits.push(e.kind === "append" ? { ...e, items: [...e.items] } : e);
  }
  const doc = parseDocument(text);
  const expected = doc.toJS() as unknown;
  for (const e of edits) {
    if (e.kind === "append") (getIn(expected, e.path) as unknown[]).push(...(JSON.parse(JSON.stringify(e.items)) as unknown[]));
    else setIn(expected, e.path, e.value);
  }
  const splices: { at: number; end: number; text: string }[] = [];
  for (const e of edits) {
    const splice = e.kind === "append" ? appendSplice(doc, text, e.path, e.items) : setSplice(doc, e.path, e.value);
    if (!splice) return fallback(doc, edits);
    splices.push(splice);
  }
  let out = text;
  for (const s of splices.sort((a, b) => b.at - a.at)) out = out.slice(0, s.at) + s.text + out.slice(s.end);
  return isDeepStrictEqual(parseDocument(out).toJS(), expected) ? out : fallback(parseDocument(text), edits);
}

function appendSplice(doc: Document, text: string, path: Path, items: unknown[]) {
  const seq = doc.getIn(path, true);
  if (!isSeq(seq) || seq.flow || !seq.range || seq.items.length === 0) return undefined;
  const start = seq.range[0];
  const indent = start - text.lastIndexOf("\n", start - 1) - 1;
  const end = seq.range[1];
  // at the start of the line after the sequence's last value
  const at = text[end - 1] === "\n" ? end : (text.indexOf("\n", end) + 1 || text.length);
  const block = stringify(items, { lineWidth: 120, indentSeq: false })
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => " ".repeat(indent) + l)
    .join("\n");
  return { at, end: at, text: (at > 0 && text[at - 1] !== "\n" ? "\n" : "") + block + "\n" };
}

function setSplice(doc: Document, path: Path, value: string) {
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  if (!node?.range) return undefined;
  return { at: node.range[0], end: node.range[1], text: `'${value.replace(/'/g, "''")}'` };
}

function fallback(doc: Document, edits: YamlEdit[]): string {
  for (const e of edits) {
    if (e.kind === "set") {
      doc.setIn(e.path, e.value);
      continue;
    }
    const seq = doc.getIn(e.path, true);
    if (isSeq(seq)) for (const item of e.items) seq.add(doc.createNode(item));
    else doc.setIn(e.path, doc.createNode(e.items));
  }
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
