// People for access tests: two customers, a staff member and an admin, each signed in.
import { hashPassword } from "@bazaar/auth";
import type { Db, Role } from "@bazaar/db";

import { callHttp } from "./http.ts";

export const PASSWORD = "correct-horse-battery-staple";

export type Persona = "customerA" | "customerB" | "staff" | "admin";
const ROLES: Record<Persona, Role> = {
  customerA: "CUSTOMER",
  customerB: "CUSTOMER",
  staff: "STAFF",
  admin: "ADMIN",
};

export interface SignedIn {
  id: string;
  email: string;
  token: string;
}

/** Create the four personas and sign each in through the API; returns their bearer tokens. */
export async function signInPersonas(db: Db): Promise<Record<Persona, SignedIn>> {
  const passwordHash = await hashPassword(PASSWORD);
  const entries = await Promise.all(
    (Object.keys(ROLES) as Persona[]).map(async (persona) => {
      const email = `${persona.toLowerCase()}@example.com`;
      const user = await db.user.create({
        data: { email, role: ROLES[persona], passwordHash, emailVerified: new Date() },
      });
      const { data } = await callHttp(db, "account.signIn", {
        mutation: true,
        input: { email, password: PASSWORD },
      });
      return [persona, { id: user.id, email, token: (data as { token: string }).token }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<Persona, SignedIn>;
}
