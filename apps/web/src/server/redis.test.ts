// The server connects Redis before serving (instrumentation.ts), within a bound: up, the first
// request finds the client ready; down, the server starts anyway and joins in when Redis comes.
import { processRedis } from "@bazaar/auth";
import { scratchRedis } from "@bazaar/auth/testing";
import { describe, expect, it } from "vitest";

import { connectRedisAtStart } from "./redis.ts";

describe("connectRedisAtStart", () => {
  it("waits for the process's client to connect, so the first request already uses it", async () => {
    const server = await scratchRedis();
    await server.start();
    try {
      expect(await connectRedisAtStart(server.url)).toBe(true);
      expect(processRedis(server.url).status).toBe("ready");
    } finally {
      processRedis(server.url).disconnect();
      await server.stop();
    }
  });

  it("with Redis down, gives up after the wait; the client connects when Redis comes", async () => {
    const server = await scratchRedis();
    try {
      // False after its wait (an unbounded wait would hit the test's own 5 s limit).
      expect(await connectRedisAtStart(server.url, 300)).toBe(false);
      await server.start();
      expect(await connectRedisAtStart(server.url, 5_000)).toBe(true);
    } finally {
      processRedis(server.url).disconnect();
      await server.stop();
    }
  });
});
