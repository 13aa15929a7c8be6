// Read-only sets built once per knowledge base, in a fraction of a Set's memory: at 100k facts each fact holds
// several of them (its terms, its entities, each clause's), and Sets cost about 1 KB apiece.

/** Terms stored as sorted ids into a shared dictionary; `has` is a map lookup and a binary search. */
export class TermSet implements Iterable<string> {
  private readonly ids: Int32Array;

  constructor(private readonly dictionary: TermDictionary, terms: Iterable<string>) {
    this.ids = Int32Array.from(new Set([...terms].map((t) => dictionary.intern(t)))).sort();
  }

  get size(): number {
    return this.ids.length;
  }

  has(term: string): boolean {
    const id = this.dictionary.lookup(term);
    return id !== undefined && this.hasId(id);
  }

  /** By dictionary id: a question looks each of its terms up once, then tests hundreds of records by number. */
  hasId(id: number): boolean {
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.ids[mid]!;
      if (v === id) return true;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  *[Symbol.iterator](): Iterator<string> {
    for (const id of this.ids) yield this.dictionary.name(id);
  }
}

/** The ids behind TermSets: one number per distinct term of the knowledge base. */
export class TermDictionary {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];

  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(term, id);
      this.names.push(term);
    }
    return id;
  }

  lookup(term: string): number | undefined {
    return this.ids.get(term);
  }

  name(id: number): string {
    return this.names[id]!;
  }
}

/** A handful of strings (a fact's entities): an array scan beats hashing at this size and costs little memory. */
export class SmallSet implements Iterable<string> {
  private readonly items: readonly string[];

  constructor(items: Iterable<string>) {
    this.items = Object.freeze([...new Set(items)]);
  }

  get size(): number {
    return this.items.length;
  }

  has(item: string): boolean {
    return this.items.includes(item);
  }

  [Symbol.iterator](): Iterator<string> {
    return this.items[Symbol.iterator]();
  }
}
