// Managing other people's accounts: for now, an admin granting or removing roles.
import { recordAuthEvent, type RequestMeta } from "@bazaar/auth";
import type { Db, Role } from "@bazaar/db";
import { TRPCError } from "@trpc/server";

import { notFound } from "../errors.ts";

/**
 * Give a user a role. Their existing sessions take the new role's lifetimes at once (staff
 * sessions are shorter). The shop always keeps at least one admin.
 */
export async function setRole(
  db: Db,
  actorId: string,
  input: { userId: string; role: Role },
  meta: RequestMeta,
) {
  return db.$transaction(async (tx) => {
    const target = await tx.user.findUnique({
      where: { id: input.userId },
      select: { id: true, role: true, deletedAt: true },
    });
    if (!target || target.deletedAt) throw notFound("That user");
    if (target.role === input.role) return { id: target.id, role: target.role };
    if (target.role === "ADMIN") {
      // Lock the admins' rows so two admins demoting each other at once cannot leave none.
      const admins = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "User" WHERE role = 'ADMIN' AND "deletedAt" IS NULL FOR UPDATE`;
      if (admins.length <= 1) {
        throw new TRPCError({ code: "CONFLICT", message: "The shop must keep at least one admin." });
      }
    }
    const updated = await tx.user.update({
      where: { id: target.id },
      data: { role: input.role },
      select: { id: true, role: true },
    });
    await recordAuthEvent(
      tx,
      {
        action: "role_changed",
        actorId,
        targetId: target.id,
        details: { from: target.role, to: input.role },
      },
      meta,
    );
    return updated;
  });
}

/** People with accounts, newest first, optionally those whose email or name contains `search`. */
export function listUsers(db: Db, input: { search?: string | undefined }) {
  const search = input.search?.trim();
  return db.user.findMany({
    where: {
      deletedAt: null,
      ...(search
        ? {
            OR: [
              { email: { contains: search, mode: "insensitive" } },
              { name: { contains: search, mode: "insensitive" } },
            ],
          }
        : {}),
    },
    select: { id: true, email: true, name: true, role: true, emailVerified: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 50,
  });
}
