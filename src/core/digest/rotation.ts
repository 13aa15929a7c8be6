// Deterministic, seeded choices: the same channel and date always give the same digest, so a preview
// matches the post, on any machine and after any restart.

/** 32-bit FNV-1a hash of a string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small, well-distributed PRNG over a 32-bit seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of a copy, seeded by text. Input order matters, so callers sort first. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  const rand = prng(hash32(seed));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface RotationPick {
  id: string;
  /** 0 for the first pass through the eligible ids, 1 for the second, … */
  cycle: number;
  /** eligible ids not yet used in this cycle, after this pick */
  remaining: number;
}

/**
 * Picks the next id of a rotation that uses every eligible id once before any repeats.
 * `history` is the channel's earlier picks, oldest first. A cycle ends once every currently eligible id
 * appears in it; ids no longer eligible (removed from the data, or outside the channel's topics) are ignored,
 * and ids added later simply join the current cycle. Each cycle has its own seeded order per channel.
 * `avoid` only reorders within the cycle: an avoided id comes up on a later day, so nothing is skipped.
 */
export function pickRotation(eligible: readonly string[], history: readonly string[], channelSeed: string, avoid: ReadonlySet<string> = new Set()): RotationPick | undefined {
  if (eligible.length === 0) return undefined;
  const pool = [...new Set(eligible)].sort();
  const inPool = new Set(pool);
  let cycle = 0;
  let used = new Set<string>();
  for (const id of history) {
    if (!inPool.has(id)) continue;
    used.add(id);
    if (used.size === pool.length) {
      cycle++;
      used = new Set();
    }
  }
  const order = seededShuffle(pool, `${channelSeed}#${cycle}`);
  // `avoid` (facts already shown elsewhere in today's digest) is skipped when another unused id remains.
  const id = order.find((x) => !used.has(x) && !avoid.has(x)) ?? order.find((x) => !used.has(x))!;
  return { id, cycle, remaining: pool.length - used.size - 1 };
}
