// Who an audit entry's actorId names: a staff account (its email) or, for changes made through the
// REST API, the API key (its name). Keys and accounts have ids from the same generator, so one
// lookup each tells them apart.
import type { DbOrTx } from "@bazaar/db";

export interface Actor {
  kind: "user" | "api_key";
  label: string;
}

/** The actors among `ids` that still exist (deleted accounts are left out). */
export async function resolveActors(db: DbOrTx, ids: Iterable<string>): Promise<Map<string, Actor>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const [users, keys] = await Promise.all([
    db.user.findMany({ where: { id: { in: wanted }, deletedAt: null }, select: { id: true, email: true } }),
    db.apiKey.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } }),
  ]);
  return new Map<string, Actor>([
    ...users.map((user) => [user.id, { kind: "user", label: user.email }] as const),
    ...keys.map((key) => [key.id, { kind: "api_key", label: `API key “${key.name}”` }] as const),
  ]);
}
