import type { DbOrTx, Prisma } from "@bazaar/db";

export type AuthEvent =
  | "sign_up"
  | "sign_in"
  | "sign_in_failed"
  | "sign_out"
  | "password_changed"
  | "session_revoked"
  | "sessions_revoked_all"
  | "email_verified"
  | "password_reset_requested"
  | "password_reset"
  | "magic_link_requested"
  | "profile_updated"
  | "data_exported"
  | "account_deleted";

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/** Append one event to the audit log (inside the caller's transaction when given one). */
export async function recordAuthEvent(
  db: DbOrTx,
  event: {
    action: AuthEvent;
    actorId?: string | null;
    targetId?: string | null;
    details?: Prisma.InputJsonObject;
  },
  meta: RequestMeta,
): Promise<void> {
  await db.auditLog.create({
    data: {
      action: event.action,
      actorId: event.actorId ?? null,
      targetId: event.targetId ?? null,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      details: event.details ?? {},
    },
  });
}
