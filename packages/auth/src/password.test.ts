import { SEED_ACCOUNTS } from "@bazaar/db/seed/accounts";
import { describe, expect, it } from "vitest";

import { hashPassword, needsRehash, verifyAgainstDecoy, verifyPassword } from "./password.ts";
import { isCommonPassword, newPasswordSchema } from "./password-policy.ts";

describe("password hashing", () => {
  it("makes an Argon2id hash with 19 MiB, t=2, p=1 and a fresh salt each time", async () => {
    const a = await hashPassword("a long and unusual passphrase");
    const b = await hashPassword("a long and unusual passphrase");
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(needsRehash(a)).toBe(false);
  });

  it("verifies the right password and refuses a wrong one or a broken hash", async () => {
    const stored = await hashPassword("a long and unusual passphrase");
    expect(await verifyPassword(stored, "a long and unusual passphrase")).toBe(true);
    expect(await verifyPassword(stored, "a long and unusual passphrasE")).toBe(false);
    expect(await verifyPassword("not a hash", "anything")).toBe(false);
    expect(await verifyAgainstDecoy("anything")).toBe(false);
  });

  it("asks for a rehash of hashes made with weaker settings", () => {
    expect(needsRehash("$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaA")).toBe(true);
    expect(needsRehash("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA")).toBe(true);
  });
});

describe("new password rules", () => {
  const problems = (password: string) =>
    newPasswordSchema.safeParse(password).error?.issues.map((i) => i.message);

  it("accepts 8 to 128 characters that are not common", () => {
    expect(problems("tangerine-octopus-91")).toBeUndefined();
    expect(problems("x".repeat(7) + "y")).toBeUndefined();
    expect(problems("é".repeat(128))).toBeUndefined();
  });

  it("refuses passwords that are too short or too long", () => {
    expect(problems("Ab1!xyz")).toEqual(["must be at least 8 characters"]);
    expect(problems("a".repeat(129))).toEqual(["must be at most 128 characters"]);
  });

  it("refuses the most common passwords, whatever their case", () => {
    for (const common of ["password", "12345678", "PASSWORD1", "iloveyou", "qwertyuiop"]) {
      expect(isCommonPassword(common), common).toBe(true);
      expect(problems(common), common).toEqual([
        "is one of the most common passwords; choose one that is harder to guess",
      ]);
    }
    expect(isCommonPassword("tangerine-octopus-91")).toBe(false);
  });
});

describe("the development accounts", () => {
  it.each(SEED_ACCOUNTS)("$email's stored hash matches the password the README gives", async (account) => {
    expect(await verifyPassword(account.passwordHash, account.password)).toBe(true);
    expect(needsRehash(account.passwordHash)).toBe(false);
  });
});
