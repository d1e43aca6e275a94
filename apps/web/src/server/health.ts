import type { Db } from "@bazaar/db";

export type Health = { status: "ok" } | { status: "unavailable" };

/** The database answers a trivial query within `timeoutMs`, or the app reports itself unhealthy. */
export async function checkHealth(db: Pick<Db, "$queryRaw">, timeoutMs = 2_000): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([db.$queryRaw`select 1`, timeout]);
    return { status: "ok" };
  } catch {
    return { status: "unavailable" };
  } finally {
    clearTimeout(timer);
  }
}
