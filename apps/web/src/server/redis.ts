import { processRedis, readAuthEnv, whenRedisReady } from "@bazaar/auth";

/**
 * Connect the process's Redis client (REDIS_URL) before the first request, so that the first
 * rate-limit check and the first catalog write already use it. Redis down at start does not stop
 * the server: after `timeoutMs` it serves in the degraded modes (limits per process, catalog reads
 * from the database) and joins in when Redis answers. Resolves whether it connected.
 */
export async function connectRedisAtStart(
  url = readAuthEnv().REDIS_URL,
  timeoutMs = 5_000,
): Promise<boolean> {
  if (!url) return false;
  const ready = await whenRedisReady(processRedis(url), timeoutMs);
  if (!ready) {
    console.warn(
      `[redis] not reachable within ${timeoutMs} ms of start; serving without it until it is (rate limits per process, catalog reads from the database).`,
    );
  }
  return ready;
}
