// Endpoint secrets at rest (decision 0027). Signing needs the secret itself, so it cannot be
// hashed like an API key; it is sealed instead with AES-256-GCM under WEBHOOK_SECRETS_KEY:
// `v1.<key id>.<nonce>.<ciphertext>.<tag>` (base64url parts, a fresh 96-bit nonce per value). The
// key id is the start of the key's SHA-256, so a value sealed under another key says so plainly,
// and a later change of key can tell old values from new ones.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

import type { Db } from "@bazaar/db";

const FORMAT = "v1";
const ALGORITHM = "aes-256-gcm";
const TAG_BYTES = 16;

/** Secrets written before sealing existed start so; see `open` and `sealStoredSecrets`. */
const LEGACY_PREFIX = "whsec_";

export class SecretBoxError extends Error {
  override name = "SecretBoxError";
}

export interface SecretBox {
  /** The first 8 hex digits of the key's SHA-256; written into every sealed value. */
  readonly keyId: string;
  seal(secret: string): string;
  /** The secret in `stored`; throws SecretBoxError for a value this key did not seal. */
  open(stored: string): string;
}

export function secretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new SecretBoxError("the key must be 32 bytes");
  const keyId = createHash("sha256").update(key).digest("hex").slice(0, 8);
  // The header is authenticated with the ciphertext, so neither part can be swapped.
  const header = `${FORMAT}.${keyId}`;
  return {
    keyId,
    seal(secret) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(header));
      const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
      return [header, nonce, sealed, cipher.getAuthTag()]
        .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
        .join(".");
    },
    open(stored) {
      // LEGACY: a secret stored in clear before sealing existed. Only rows not yet reached by
      // sealStoredSecrets (it runs when a worker starts) still hold one.
      if (stored.startsWith(LEGACY_PREFIX)) return stored;
      const [format, id, nonce, sealed, tag, ...rest] = stored.split(".");
      if (format !== FORMAT || !nonce || !sealed || !tag || rest.length > 0) {
        throw new SecretBoxError("the stored webhook secret is not a sealed value");
      }
      if (id !== keyId) {
        throw new SecretBoxError(
          `the stored webhook secret was sealed with key ${id}, not with this server's key ${keyId} (WEBHOOK_SECRETS_KEY)`,
        );
      }
      // A fixed tag length: GCM would otherwise accept a tag cut short, which is easier to forge.
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(nonce, "base64url"), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(header));
      try {
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString(
          "utf8",
        );
      } catch {
        throw new SecretBoxError("the stored webhook secret does not open with this key: it was altered");
      }
    },
  };
}

/**
 * Seal the secrets still stored in clear (rows written before sealing existed). SQL cannot run
 * AES-GCM, so the migration that came with sealing left them; every worker runs this when it
 * starts. Each row is written only if it still holds what was read, so workers starting together
 * cannot undo one another. Returns how many rows it sealed.
 */
export async function sealStoredSecrets(db: Db, box: SecretBox): Promise<number> {
  const legacy = await db.webhookEndpoint.findMany({
    where: {
      OR: [{ secret: { startsWith: LEGACY_PREFIX } }, { previousSecret: { startsWith: LEGACY_PREFIX } }],
    },
    select: { id: true, secret: true, previousSecret: true },
  });
  const sealIfClear = (value: string) => (value.startsWith(LEGACY_PREFIX) ? box.seal(value) : value);
  let sealed = 0;
  for (const row of legacy) {
    const { count } = await db.webhookEndpoint.updateMany({
      where: row,
      data: {
        secret: sealIfClear(row.secret),
        previousSecret: row.previousSecret === null ? null : sealIfClear(row.previousSecret),
      },
    });
    sealed += count;
  }
  return sealed;
}
