import { describe, expect, it } from "vitest";

import { createTestDatabase } from "../testing/index.ts";
import { SEED_ACCOUNTS, seedAccounts } from "./accounts.ts";

const { db } = await createTestDatabase();

describe("development accounts", () => {
  it("creates one confirmed account per role, once", async () => {
    expect(await seedAccounts(db)).toBe(3);
    expect(await seedAccounts(db)).toBe(0);
    const users = await db.user.findMany({ orderBy: { email: "asc" } });
    expect(users.map((u) => [u.email, u.role])).toEqual([
      ["admin@bazaar.test", "ADMIN"],
      ["customer@bazaar.test", "CUSTOMER"],
      ["staff@bazaar.test", "STAFF"],
    ]);
    expect(users.every((u) => u.emailVerified && u.passwordHash?.startsWith("$argon2id$"))).toBe(true);
  });

  it("keeps the password itself out of the row", async () => {
    const rows = JSON.stringify(await db.user.findMany());
    for (const account of SEED_ACCOUNTS) expect(rows).not.toContain(account.password);
  });
});
