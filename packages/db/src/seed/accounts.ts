// Development accounts, one per role, so the shop can be tried at once. Their passwords are
// public (README), so they are never created where NODE_ENV=production, except in a scratch
// database made for one test run.
import type { DbOrTx } from "../client.ts";
import type { Role } from "../generated/prisma/enums.ts";

export interface SeedAccount {
  email: string;
  name: string;
  role: Role;
  /** The password as the README gives it; the row holds only `passwordHash`. */
  password: string;
  /** Argon2id of `password` with Bazaar's parameters, made once (the db package does not hash). */
  passwordHash: string;
}

export const SEED_ACCOUNTS: readonly SeedAccount[] = [
  {
    email: "admin@bazaar.test",
    name: "Ada Admin",
    role: "ADMIN",
    password: "bazaar-admin-2026",
    passwordHash:
      "$argon2id$v=19$m=19456,t=2,p=1$VeZ/qFi2vnxVlEmxWsHVvQ$r7BOA/TLIU2zGRgVt2xnQ7Af6wFh/HmcLoYAOLeEUKc",
  },
  {
    email: "staff@bazaar.test",
    name: "Sam Staff",
    role: "STAFF",
    password: "bazaar-staff-2026",
    passwordHash:
      "$argon2id$v=19$m=19456,t=2,p=1$j1Gu7CumWTJ+q9MMLNsVKw$Y3j3tzWYZkvpaoKS38stl12i05lfTygofKAPIGbTw5k",
  },
  {
    email: "customer@bazaar.test",
    name: "Casey Customer",
    role: "CUSTOMER",
    password: "bazaar-customer-2026",
    passwordHash:
      "$argon2id$v=19$m=19456,t=2,p=1$zdPjgX9AQNJuTNp13zGB/A$RutjWAhCDT7ME9XX2uG1Hb5CLojG+qu7WQsyP51o3fc",
  },
];

/** Create the development accounts that do not exist yet; returns how many were created. */
export async function seedAccounts(db: DbOrTx, now = new Date()): Promise<number> {
  const { count } = await db.user.createMany({
    data: SEED_ACCOUNTS.map(({ password: _password, ...account }) => ({ ...account, emailVerified: now })),
    skipDuplicates: true,
  });
  return count;
}
