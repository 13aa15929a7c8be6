// Digest delivery at scale: not measured yet (reported as null).
export interface DigestResult {
  channels: number;
  seconds: number;
  lower_bound_seconds: number;
  global_per_second: number;
  delivered: number;
  status_429: number;
}
export async function benchDigest(_opts: { channels: number; globalPerSecond: number }): Promise<DigestResult | undefined> {
  return undefined;
}
