// Bot tokens at rest: AES-256-GCM (node:crypto) with SLACK_TOKEN_KEY. Each seal has its own random 96-bit nonce, and
// the workspace id is authenticated with it (additional data), so a sealed row copied onto another workspace's row
// does not open. The key never leaves this object; keyId is a one-way fingerprint stored beside each row, so a start
// with a different key is refused by name instead of failing later, one request at a time.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const ALGORITHM = "aes-256-gcm";
/** GCM's standard nonce length; random nonces are safe far beyond any number of installations. */
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** the format's version, first in every sealed value, so a later format can be told apart */
const VERSION = "v1";

export class TokenSeal {
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error("TokenSeal needs a 32-byte key");
    this.keyId = createHash("sha256").update("aistack token key id\0").update(key).digest("hex").slice(0, 16);
  }

  /** "v1.<nonce>.<tag>.<ciphertext>", base64url. */
  seal(plaintext: string, workspace: string): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(workspace));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [VERSION, nonce, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
  }

  /** The plaintext; throws when the value was sealed with another key, for another workspace, or altered. */
  open(sealed: string, workspace: string): string {
    const [version, nonce, tag, body] = sealed.split(".");
    if (version !== VERSION || !nonce || !tag || body === undefined) throw new Error("not a sealed value of a known format");
    const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(nonce, "base64url"), { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(workspace));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  }
}

const aad = (workspace: string) => Buffer.from(`slack:${workspace}`, "utf8");
