// Bot tokens at rest: AES-256-GCM with a random nonce per seal and the workspace id authenticated with it.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TokenSeal } from "../../src/adapters/slack/oauth/token-seal.js";

const key = randomBytes(32);
const token = "xoxb-1111-2222-secretsecretsecret";

describe("TokenSeal", () => {
  it("opens what it sealed, and never shows the plaintext", () => {
    const seal = new TokenSeal(key);
    const sealed = seal.seal(token, "T1");
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(sealed).not.toContain("secret");
    expect(seal.open(sealed, "T1")).toBe(token);
  });

  it("uses a fresh nonce each time: the same token seals differently", () => {
    const seal = new TokenSeal(key);
    expect(seal.seal(token, "T1")).not.toBe(seal.seal(token, "T1"));
  });

  it("refuses another key, another workspace's row, and any altered byte", () => {
    const sealed = new TokenSeal(key).seal(token, "T1");
    expect(() => new TokenSeal(randomBytes(32)).open(sealed, "T1")).toThrow();
    expect(() => new TokenSeal(key).open(sealed, "T2")).toThrow();
    const [v, nonce, tag, body] = sealed.split(".") as [string, string, string, string];
    const flipped = Buffer.from(body, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => new TokenSeal(key).open([v, nonce, tag, flipped.toString("base64url")].join("."), "T1")).toThrow();
    expect(() => new TokenSeal(key).open("v0.a.b.c", "T1")).toThrow();
  });

  it("names its key by a fingerprint that does not reveal it, the same for the same key", () => {
    const a = new TokenSeal(key);
    expect(a.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(key.toString("hex")).not.toContain(a.keyId);
    expect(new TokenSeal(Buffer.from(key)).keyId).toBe(a.keyId);
    expect(new TokenSeal(randomBytes(32)).keyId).not.toBe(a.keyId);
    expect(() => new TokenSeal(randomBytes(16))).toThrow();
  });
});
