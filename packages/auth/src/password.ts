// Password hashing with Argon2id at OWASP's minimum memory-hard settings (19 MiB, t=2, p=1).
import { hash, verify, type Algorithm } from "@node-rs/argon2";

// The package exports its algorithms as a const enum, which isolated modules cannot read.
const ARGON2ID = 2 as Algorithm;

export const ARGON2_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456, // KiB = 19 MiB
  timeCost: 2,
  parallelism: 1,
} as const;

/** A PHC string ("$argon2id$v=19$m=19456,t=2,p=1$salt$hash") with a fresh random salt. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** False for a wrong password and for a malformed stored hash; never throws on bad input. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** A hash made with weaker settings than today's should be replaced at the next sign-in. */
export function needsRehash(storedHash: string): boolean {
  const { memoryCost, timeCost, parallelism } = ARGON2_OPTIONS;
  return !storedHash.startsWith(`$argon2id$v=19$m=${memoryCost},t=${timeCost},p=${parallelism}$`);
}

// Verified against when the account does not exist, so a wrong email takes as long as a wrong
// password and response times do not reveal who has an account.
let decoy: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hashPassword("decoy password that no account has");
  await verifyPassword(await decoy, password);
  return false;
}
