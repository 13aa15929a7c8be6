// Discord signs every interaction it POSTs: X-Signature-Ed25519 = Ed25519(timestamp + raw body) with the
// application's key pair; DISCORD_PUBLIC_KEY is its public half (32 bytes, hex). node:crypto verifies it; nothing
// is parsed or looked up before the signature and the timestamp pass.
import { createPublicKey, verify, type KeyObject } from "node:crypto";

/**
 * How far X-Signature-Timestamp may be from this machine's clock. Discord sends at once and retries nothing, so a
 * timestamp minutes old is a captured request played again; five minutes leaves room for clock drift (Slack's rule).
 */
export const MAX_TIMESTAMP_SKEW_SECONDS = 5 * 60;

/** The public key as node:crypto needs it: a JWK (OKP, Ed25519) around the raw 32 bytes. */
export function discordPublicKey(hex: string): KeyObject {
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(hex, "hex").toString("base64url") }, format: "jwk" });
}

export type SignatureCheck = { ok: true } | { ok: false; reason: "missing" | "malformed" | "stale" | "bad_signature" };

export function checkSignature(key: KeyObject, signature: string | undefined, timestamp: string | undefined, body: Buffer, nowMs: number): SignatureCheck {
  if (!signature || !timestamp) return { ok: false, reason: "missing" };
  if (!/^[0-9a-fA-F]{128}$/.test(signature) || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "malformed" };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_TIMESTAMP_SKEW_SECONDS) return { ok: false, reason: "stale" };
  const signed = Buffer.concat([Buffer.from(timestamp, "utf8"), body]);
  return verify(null, signed, key, Buffer.from(signature, "hex")) ? { ok: true } : { ok: false, reason: "bad_signature" };
}
