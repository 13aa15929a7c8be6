// Ed25519 request signatures as Discord makes them, checked with node:crypto.
import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkSignature, discordPublicKey, MAX_TIMESTAMP_SKEW_SECONDS } from "../../src/adapters/discord/http/signature.js";

const pair = generateKeyPairSync("ed25519");
const hex = Buffer.from(pair.publicKey.export({ format: "jwk" }).x!, "base64url").toString("hex");
const key = discordPublicKey(hex);
const now = 1_800_000_000_000;
const ts = String(now / 1000);
const body = Buffer.from('{"type":1}');
const sig = (t: string, b: Buffer, k = pair.privateKey) => sign(null, Buffer.concat([Buffer.from(t), b]), k).toString("hex");

describe("checkSignature", () => {
  it("accepts Discord's signature over timestamp + body", () => {
    expect(checkSignature(key, sig(ts, body), ts, body, now)).toEqual({ ok: true });
  });

  it("says why it refuses: missing, malformed, stale (either way), or a bad signature", () => {
    expect(checkSignature(key, undefined, ts, body, now)).toEqual({ ok: false, reason: "missing" });
    expect(checkSignature(key, "zz", ts, body, now)).toEqual({ ok: false, reason: "malformed" });
    const old = String(now / 1000 - MAX_TIMESTAMP_SKEW_SECONDS - 1);
    expect(checkSignature(key, sig(old, body), old, body, now)).toEqual({ ok: false, reason: "stale" });
    const future = String(now / 1000 + MAX_TIMESTAMP_SKEW_SECONDS + 1);
    expect(checkSignature(key, sig(future, body), future, body, now)).toEqual({ ok: false, reason: "stale" });
    expect(checkSignature(key, sig(ts, body, generateKeyPairSync("ed25519").privateKey), ts, body, now)).toEqual({ ok: false, reason: "bad_signature" });
    expect(checkSignature(key, sig(ts, body), ts, Buffer.from('{"type":2}'), now)).toEqual({ ok: false, reason: "bad_signature" });
  });
});
