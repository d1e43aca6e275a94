// Admins make, list and revoke the REST API's keys. A new key is returned once, in the answer
// that made it; after that only its first characters are known.
import type { RequestMeta } from "@bazaar/auth";
import type { Db } from "@bazaar/db";
import type { AdminCursor, AdminPage, ApiKeyScope } from "@bazaar/validators";

import { generateApiKey } from "../../api-keys/keys.ts";
import { recordChange } from "../../audit/record.ts";
import { notFound } from "../../errors.ts";
import { afterCursor, keysetPage } from "../keyset.ts";

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  createdBy: { id: string; email: string } | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const viewSelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdBy: { select: { id: true, email: true } },
} as const;

const asView = (row: Omit<ApiKeyView, "scopes"> & { scopes: string[] }): ApiKeyView => ({
  ...row,
  scopes: row.scopes as ApiKeyScope[],
});

export async function listApiKeys(
  db: Db,
  input: { cursor?: AdminCursor | null | undefined; limit: number },
): Promise<AdminPage<ApiKeyView>> {
  const [rows, total] = await Promise.all([
    db.apiKey.findMany({
      where: afterCursor(input.cursor),
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      select: viewSelect,
    }),
    db.apiKey.count(),
  ]);
  const { items, nextCursor } = keysetPage(rows, input.limit);
  return { items: items.map(asView), nextCursor, total };
}

/** The new key's record, and the key itself: shown to the admin this once. */
export async function createApiKey(
  db: Db,
  actorId: string,
  input: { name: string; scopes: ApiKeyScope[] },
  meta: RequestMeta,
): Promise<{ apiKey: ApiKeyView; key: string }> {
  const { key, prefix, hash } = generateApiKey();
  const apiKey = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { name: input.name, scopes: input.scopes, prefix, hash, createdById: actorId },
      select: viewSelect,
    });
    await recordChange(
      tx,
      {
        action: "api_key.created",
        actorId,
        targetType: "api_key",
        targetId: created.id,
        after: { name: created.name, prefix, scopes: created.scopes },
      },
      meta,
    );
    return created;
  });
  return { apiKey: asView(apiKey), key };
}

/** From now on the key is refused. Revoking a revoked key changes nothing and records nothing. */
export async function revokeApiKey(
  db: Db,
  actorId: string,
  apiKeyId: string,
  meta: RequestMeta,
): Promise<ApiKeyView> {
  return db.$transaction(async (tx) => {
    const revoked = await tx.apiKey.updateMany({
      where: { id: apiKeyId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const key = await tx.apiKey.findUnique({ where: { id: apiKeyId }, select: viewSelect });
    if (!key) throw notFound("That API key");
    if (revoked.count === 1)
      await recordChange(
        tx,
        {
          action: "api_key.revoked",
          actorId,
          targetType: "api_key",
          targetId: key.id,
          before: { revokedAt: null },
          after: { revokedAt: key.revokedAt },
        },
        meta,
      );
    return asView(key);
  });
}
