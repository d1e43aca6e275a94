// Reading the audit log: who changed what, when, from what to what. Staff edits (audit/record.ts)
// and account events (@bazaar/auth recordAuthEvent) share the table.
import type { Db, Prisma } from "@bazaar/db";
import { encodeAdminCursor, type AdminCursor, type AdminPage } from "@bazaar/validators";

import { resolveActors } from "../../audit/actors.ts";

const DAY_MS = 86_400_000;

export interface AuditEntry {
  id: string;
  createdAt: Date;
  action: string;
  /** The account that acted, while it exists. */
  actorId: string | null;
  /** Its email, an API key's name, "system" (a job, a provider's webhook), or "deleted account". */
  actor: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  details: Record<string, unknown>;
}

const asObject = (value: Prisma.JsonValue | null): Record<string, unknown> | null =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? value : null;

export async function listAudit(
  db: Db,
  input: {
    cursor?: AdminCursor | null | undefined;
    limit: number;
    action?: string | undefined;
    actorEmail?: string | undefined;
    targetType?: string | undefined;
    targetId?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
): Promise<AdminPage<AuditEntry>> {
  let actorId: string | undefined;
  if (input.actorEmail) {
    const actor = await db.user.findUnique({ where: { email: input.actorEmail }, select: { id: true } });
    if (!actor) return { items: [], nextCursor: null, total: 0 };
    actorId = actor.id;
  }
  const createdAt: Prisma.DateTimeFilter = {};
  if (input.from) createdAt.gte = new Date(`${input.from}T00:00:00.000Z`);
  // `to` is a whole day: everything before the next midnight.
  if (input.to) createdAt.lt = new Date(new Date(`${input.to}T00:00:00.000Z`).getTime() + DAY_MS);
  const where: Prisma.AuditLogWhereInput = {
    ...(input.action ? { action: input.action } : {}),
    ...(actorId ? { actorId } : {}),
    ...(input.targetType ? { targetType: input.targetType } : {}),
    ...(input.targetId ? { targetId: input.targetId } : {}),
    ...(input.from || input.to ? { createdAt } : {}),
  };
  const cursor = input.cursor;
  const [rows, total] = await Promise.all([
    // AuditLog_createdAt_id_idx read backwards; the filters' own indexes lead with their column.
    db.auditLog.findMany({
      where: cursor
        ? {
            AND: [
              where,
              { OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] },
            ],
          }
        : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
    }),
    db.auditLog.count({ where }),
  ]);
  const entries = rows.slice(0, input.limit);
  const actorIds = [...new Set(entries.flatMap((row) => (row.actorId ? [row.actorId] : [])))];
  const actors = await resolveActors(db, actorIds);
  const last = entries.at(-1);
  return {
    items: entries.map((row) => {
      const actor = row.actorId ? actors.get(row.actorId) : undefined;
      return {
        id: row.id,
        createdAt: row.createdAt,
        action: row.action,
        // Only an account links to its page; a key is named.
        actorId: actor?.kind === "user" ? row.actorId : null,
        actor: actor?.label ?? (row.actorId ? "deleted account" : "system"),
        targetType: row.targetType,
        targetId: row.targetId,
        ip: row.ip,
        before: asObject(row.before),
        after: asObject(row.after),
        details: asObject(row.details) ?? {},
      };
    }),
    nextCursor:
      rows.length > input.limit && last ? encodeAdminCursor({ at: last.createdAt, id: last.id }) : null,
    total,
  };
}

/**
 * Every action the log holds, for the filter's select. A loose index scan on
 * AuditLog_action_createdAt_idx: one index probe per distinct action, however long the log.
 */
export async function auditActions(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ action: string }[]>`
    WITH RECURSIVE actions AS (
      (SELECT "action" FROM "AuditLog" ORDER BY "action" LIMIT 1)
      UNION ALL
      SELECT (SELECT a."action" FROM "AuditLog" a WHERE a."action" > actions."action" ORDER BY a."action" LIMIT 1)
      FROM actions WHERE actions."action" IS NOT NULL
    )
    SELECT "action" FROM actions WHERE "action" IS NOT NULL`;
  return rows.map((row) => row.action);
}
