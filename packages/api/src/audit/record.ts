// What staff change is written to the audit log in the same transaction as the change: who, what,
// when, and the changed fields as they were and became. Sign-in and account events are recorded by
// @bazaar/auth's recordAuthEvent into the same table.
import type { RequestMeta } from "@bazaar/auth";
import type { DbOrTx, Prisma } from "@bazaar/db";
import type { AuditTargetType as AuditTarget } from "@bazaar/validators";

export interface AuditChange {
  /** `<target>.<verb>`, e.g. "product.updated", "order.refunded". */
  action: `${AuditTarget}.${string}`;
  actorId: string;
  targetType: AuditTarget;
  targetId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  details?: Prisma.InputJsonObject;
}

/**
 * Only the fields that differ, from both sides: an edit that renamed a product records the two
 * names, not the whole row twice. Values are compared as JSON (dates, nested options).
 */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      was[key] = before[key] ?? null;
      now[key] = after[key] ?? null;
    }
  }
  return { before: was, after: now };
}

const asJson = (value: Record<string, unknown> | null | undefined) =>
  value == null ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonObject);

export async function recordChange(db: DbOrTx, change: AuditChange, meta: RequestMeta): Promise<void> {
  await db.auditLog.create({
    data: {
      action: change.action,
      actorId: change.actorId,
      targetType: change.targetType,
      targetId: change.targetId,
      before: asJson(change.before),
      after: asJson(change.after),
      details: change.details ?? {},
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
    },
  });
}
