// Sealing endpoint secrets (decision 0027): what a sealed value looks like, that only the key
// that sealed it opens it, that an altered one is refused, and how the key is configured.
import { createHash, randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { readWebhooksEnv } from "./env.ts";
import { secretBox } from "./secret-box.ts";

const SECRET = `whsec_${"k".repeat(43)}`;

describe("secretBox", () => {
  it("seals with a fresh nonce each time, names its key, and opens what it sealed", () => {
    const key = randomBytes(32);
    const box = secretBox(key);
    const [one, two] = [box.seal(SECRET), box.seal(SECRET)];
    expect(one).not.toBe(two);
    expect(box.keyId).toBe(createHash("sha256").update(key).digest("hex").slice(0, 8));
    expect(one).toMatch(new RegExp(`^v1\\.${box.keyId}\\.[\\w-]{16}\\.[\\w-]+\\.[\\w-]{22}$`));
    expect(one).not.toContain("k".repeat(8));
    expect([box.open(one), box.open(two)]).toEqual([SECRET, SECRET]);
  });

  it("refuses a value sealed with another key, naming both keys", () => {
    const sealed = secretBox(randomBytes(32)).seal(SECRET);
    const other = secretBox(randomBytes(32));
    expect(() => other.open(sealed)).toThrow(/sealed with key [0-9a-f]{8}, not with this server's key/);
  });

  it("refuses an altered value: ciphertext, header or a tag cut short", () => {
    const box = secretBox(randomBytes(32));
    const [format, id, nonce, sealed, tag] = box.seal(SECRET).split(".") as [string, ...string[]];
    const flipped = Buffer.from(sealed ?? "", "base64url");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    const altered = [format, id, nonce, flipped.toString("base64url"), tag].join(".");
    expect(() => box.open(altered)).toThrow("it was altered");
    // The first 4 bytes of the real tag: GCM would accept them were the length not fixed.
    const short = Buffer.from(tag ?? "", "base64url")
      .subarray(0, 4)
      .toString("base64url");
    expect(() => box.open([format, id, nonce, sealed, short].join("."))).toThrow("it was altered");
    expect(() => box.open("v2.abc")).toThrow("not a sealed value");
  });
});

describe("readWebhooksEnv", () => {
  const auth = { AUTH_SECRET: "a".repeat(32) };

  it("takes WEBHOOK_SECRETS_KEY as 64 hex digits or base64, and refuses anything else at start", () => {
    const key = randomBytes(32);
    const keyId = secretBox(key).keyId;
    expect(readWebhooksEnv({ WEBHOOK_SECRETS_KEY: key.toString("hex") }).secrets.keyId).toBe(keyId);
    expect(readWebhooksEnv({ WEBHOOK_SECRETS_KEY: key.toString("base64") }).secrets.keyId).toBe(keyId);
    expect(readWebhooksEnv({ WEBHOOK_SECRETS_KEY: key.toString("base64url") }).secrets.keyId).toBe(keyId);
    // Too short, too long, and a character base64 does not have (its decoder would skip it).
    const keyB64 = key.toString("base64url");
    for (const bad of [
      randomBytes(16).toString("hex"),
      `${key.toString("hex")}00`,
      `${keyB64.slice(0, 20)}!${keyB64.slice(20)}`,
    ]) {
      expect(() => readWebhooksEnv({ NODE_ENV: "production", ...auth, WEBHOOK_SECRETS_KEY: bad })).toThrow(
        "WEBHOOK_SECRETS_KEY: must be 32 bytes",
      );
    }
  });

  it("without it derives a key from AUTH_SECRET, the same one every start, another for another AUTH_SECRET", () => {
    const a = readWebhooksEnv(auth).secrets;
    expect(readWebhooksEnv(auth).secrets.keyId).toBe(a.keyId);
    expect(readWebhooksEnv(auth).secrets.open(a.seal(SECRET))).toBe(SECRET);
    expect(readWebhooksEnv({ AUTH_SECRET: "b".repeat(32) }).secrets.keyId).not.toBe(a.keyId);
    // Nothing set (development): one fixed key, so sealed secrets survive a restart.
    expect(readWebhooksEnv({}).secrets.keyId).toBe(readWebhooksEnv({}).secrets.keyId);
    expect(readWebhooksEnv({}).secrets.keyId).not.toBe(a.keyId);
  });
});
