// Admins register the endpoints the shop sends events to, read each delivery's log (every try,
// with the status and the start of the answer), and send a delivery again. An endpoint's signing
// secret is returned once, in the answer that made it or rotated it, and stored sealed.
import type { RequestMeta } from "@bazaar/auth";
import { generateToken } from "@bazaar/auth";
import type { Db, DbOrTx, Prisma, WebhookDeliveryStatus } from "@bazaar/db";
import type { AdminCursor, AdminPage, WebhookEvent } from "@bazaar/validators";
import { TRPCError } from "@trpc/server";

import { changedFields, recordChange } from "../../audit/record.ts";
import { notFound } from "../../errors.ts";
import { enqueueJob } from "../../jobs/queue.ts";
import type { SecretBox } from "../../webhooks/secret-box.ts";
import { afterCursor, keysetPage } from "../keyset.ts";

export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string;
  events: WebhookEvent[];
  disabledAt: Date | null;
  /** Until when the secret before the last rotation signs too; null when it no longer does. */
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  createdBy: { id: string; email: string } | null;
}

const endpointSelect = {
  id: true,
  url: true,
  description: true,
  events: true,
  disabledAt: true,
  previousSecretExpiresAt: true,
  createdAt: true,
  createdBy: { select: { id: true, email: true } },
} as const;

const asView = (
  row: Omit<WebhookEndpointView, "events"> & { events: string[] },
  now = new Date(),
): WebhookEndpointView => ({
  ...row,
  events: row.events as WebhookEvent[],
  previousSecretExpiresAt:
    row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt : null,
});

const SECRET_PREFIX = "whsec_";
const newSecret = () => `${SECRET_PREFIX}${generateToken()}`;

export async function listEndpoints(
  db: Db,
  input: { cursor?: AdminCursor | null | undefined; limit: number },
): Promise<AdminPage<WebhookEndpointView>> {
  const [rows, total] = await Promise.all([
    db.webhookEndpoint.findMany({
      where: afterCursor(input.cursor),
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      select: endpointSelect,
    }),
    db.webhookEndpoint.count(),
  ]);
  const { items, nextCursor } = keysetPage(rows, input.limit);
  return { items: items.map((row) => asView(row)), nextCursor, total };
}

export async function getEndpoint(db: DbOrTx, endpointId: string): Promise<WebhookEndpointView> {
  const endpoint = await db.webhookEndpoint.findUnique({ where: { id: endpointId }, select: endpointSelect });
  if (!endpoint) throw notFound("That webhook endpoint");
  return asView(endpoint);
}

/** The endpoint, and the secret its deliveries are signed with: shown to the admin this once. */
export async function createEndpoint(
  db: Db,
  secrets: SecretBox,
  actorId: string,
  input: { url: string; description: string; events: WebhookEvent[] },
  meta: RequestMeta,
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const secret = newSecret();
  const endpoint = await db.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: { ...input, secret: secrets.seal(secret), createdById: actorId },
      select: endpointSelect,
    });
    await recordChange(
      tx,
      {
        action: "webhook_endpoint.created",
        actorId,
        targetType: "webhook_endpoint",
        targetId: created.id,
        after: { url: created.url, description: created.description, events: created.events },
      },
      meta,
    );
    return created;
  });
  return { endpoint: asView(endpoint), secret };
}

/** Change an endpoint's address, note or events, or switch it off (no new deliveries) and on. */
export async function updateEndpoint(
  db: Db,
  actorId: string,
  input: {
    endpointId: string;
    url?: string | undefined;
    description?: string | undefined;
    events?: WebhookEvent[] | undefined;
    enabled?: boolean | undefined;
  },
  meta: RequestMeta,
  now = new Date(),
): Promise<WebhookEndpointView> {
  return db.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "WebhookEndpoint" WHERE "id" = ${input.endpointId} FOR UPDATE`;
    if (!current) throw notFound("That webhook endpoint");
    const before = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id: input.endpointId } });
    const after = {
      url: input.url ?? before.url,
      description: input.description ?? before.description,
      events: input.events ?? before.events,
      disabledAt:
        input.enabled === undefined ? before.disabledAt : input.enabled ? null : (before.disabledAt ?? now),
    };
    const diff = changedFields(
      {
        url: before.url,
        description: before.description,
        events: before.events,
        disabledAt: before.disabledAt,
      },
      after,
    );
    if (Object.keys(diff.after).length === 0) return getEndpoint(tx, input.endpointId);
    const updated = await tx.webhookEndpoint.update({
      where: { id: input.endpointId },
      data: after,
      select: endpointSelect,
    });
    await recordChange(
      tx,
      {
        action: "webhook_endpoint.updated",
        actorId,
        targetType: "webhook_endpoint",
        targetId: updated.id,
        ...diff,
      },
      meta,
    );
    return asView(updated);
  });
}

/**
 * Give an endpoint a new secret, returned this once. The one it replaces keeps signing deliveries
 * beside it for `graceHours` (each delivery then carries two v1 signatures), so the receiver can
 * switch over without refusing any; a secret from a rotation before that is dropped. Audited,
 * without secrets.
 */
export async function rotateSecret(
  db: Db,
  secrets: SecretBox,
  actorId: string,
  input: { endpointId: string; graceHours: number },
  meta: RequestMeta,
  now = new Date(),
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const secret = newSecret();
  const previousSecretExpiresAt =
    input.graceHours > 0 ? new Date(now.getTime() + input.graceHours * 3_600_000) : null;
  const endpoint = await db.$transaction(async (tx) => {
    // Locked, so two rotations at once each keep the secret the other replaced, never a lost one.
    const [current] = await tx.$queryRaw<{ secret: string }[]>`
      SELECT "secret" FROM "WebhookEndpoint" WHERE "id" = ${input.endpointId} FOR UPDATE`;
    if (!current) throw notFound("That webhook endpoint");
    const rotated = await tx.webhookEndpoint.update({
      where: { id: input.endpointId },
      data: {
        secret: secrets.seal(secret),
        // Moved as stored: sealed (or, before the start-up sealing reached it, in clear) alike.
        previousSecret: previousSecretExpiresAt ? current.secret : null,
        previousSecretExpiresAt,
      },
      select: endpointSelect,
    });
    await recordChange(
      tx,
      {
        action: "webhook_endpoint.secret_rotated",
        actorId,
        targetType: "webhook_endpoint",
        targetId: rotated.id,
        details: { graceHours: input.graceHours, previousSecretExpiresAt },
      },
      meta,
    );
    return rotated;
  });
  return { endpoint: asView(endpoint, now), secret };
}

/** Remove an endpoint and its delivery log. */
export async function deleteEndpoint(db: Db, actorId: string, endpointId: string, meta: RequestMeta) {
  await db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: endpointId } });
    if (!endpoint) throw notFound("That webhook endpoint");
    await tx.webhookEndpoint.delete({ where: { id: endpointId } });
    await recordChange(
      tx,
      {
        action: "webhook_endpoint.deleted",
        actorId,
        targetType: "webhook_endpoint",
        targetId: endpointId,
        before: { url: endpoint.url, events: endpoint.events },
      },
      meta,
    );
  });
  return { endpointId };
}

export interface DeliveryRow {
  id: string;
  event: string;
  eventId: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  replayOfId: string | null;
  createdAt: Date;
  /** The last try's HTTP status, or null (no try yet, or no answer). */
  lastStatusCode: number | null;
}

/** One endpoint's deliveries, newest first. */
export async function listDeliveries(
  db: Db,
  input: {
    endpointId: string;
    status?: WebhookDeliveryStatus | undefined;
    cursor?: AdminCursor | null | undefined;
    limit: number;
  },
): Promise<AdminPage<DeliveryRow>> {
  await getEndpoint(db, input.endpointId);
  const where: Prisma.WebhookDeliveryWhereInput = {
    endpointId: input.endpointId,
    ...(input.status ? { status: input.status } : {}),
  };
  const [rows, total] = await Promise.all([
    db.webhookDelivery.findMany({
      where: { ...where, ...afterCursor(input.cursor) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      omit: { payload: true, endpointId: true },
      include: { log: { orderBy: { number: "desc" }, take: 1, select: { statusCode: true } } },
    }),
    db.webhookDelivery.count({ where }),
  ]);
  const { items, nextCursor } = keysetPage(rows, input.limit);
  return {
    items: items.map(({ log, ...row }) => ({ ...row, lastStatusCode: log[0]?.statusCode ?? null })),
    nextCursor,
    total,
  };
}

/** A delivery with its body and every try. */
export async function getDelivery(db: Db, deliveryId: string) {
  const delivery = await db.webhookDelivery.findUnique({
    where: { id: deliveryId },
    include: {
      endpoint: { select: { id: true, url: true, disabledAt: true } },
      log: { orderBy: { number: "asc" } },
    },
  });
  if (!delivery) throw notFound("That delivery");
  return delivery;
}

/**
 * Send a delivery's event again as a new delivery (the same event id and body, so the receiver can
 * tell it is the same event), whatever became of the first; audited.
 */
export async function replayDelivery(db: Db, actorId: string, deliveryId: string, meta: RequestMeta) {
  return db.$transaction(async (tx) => {
    const original = await tx.webhookDelivery.findUnique({
      where: { id: deliveryId },
      include: { endpoint: { select: { disabledAt: true } } },
    });
    if (!original) throw notFound("That delivery");
    if (original.endpoint.disabledAt) {
      throw new TRPCError({
        code: "CONFLICT",
        message: "The endpoint is disabled: enable it to send to it again.",
      });
    }
    const replay = await tx.webhookDelivery.create({
      data: {
        endpointId: original.endpointId,
        event: original.event,
        eventId: original.eventId,
        payload: original.payload as Prisma.InputJsonValue,
        replayOfId: original.id,
        nextAttemptAt: new Date(),
      },
      select: { id: true, status: true, createdAt: true },
    });
    await enqueueJob(tx, "deliver-webhook", { deliveryId: replay.id }, `webhook:${replay.id}`);
    await recordChange(
      tx,
      {
        action: "webhook_delivery.replayed",
        actorId,
        targetType: "webhook_delivery",
        targetId: original.id,
        details: { replayId: replay.id, event: original.event, eventId: original.eventId },
      },
      meta,
    );
    return { deliveryId: replay.id, replayOfId: original.id };
  });
}
