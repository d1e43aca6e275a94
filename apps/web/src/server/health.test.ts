import { createServer, type AddressInfo, type Socket } from "node:net";
import { createDb } from "@bazaar/db";
import { createTestDatabase } from "@bazaar/db/testing";
import { describe, expect, it } from "vitest";

import { checkHealth } from "./health";

const { db } = await createTestDatabase();

describe("checkHealth", () => {
  it("is ok while the database answers", async () => {
    expect(await checkHealth(db)).toEqual({ status: "ok" });
  });

  it("is unavailable when nothing listens at the database's address", async () => {
    // Port 1 on loopback: refused at once, no waiting for a timeout.
    const unreachable = createDb("postgresql://nobody@127.0.0.1:1/none", { maxConnections: 1 });
    try {
      expect(await checkHealth(unreachable)).toEqual({ status: "unavailable" });
    } finally {
      await unreachable.$disconnect();
    }
  });

  it("is unavailable when the database accepts a connection but never answers", async () => {
    // A loopback listener that swallows everything: the hung-server case, without a real hang.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    const hanging = createDb(`postgresql://nobody@127.0.0.1:${port}/none`, { maxConnections: 1 });
    try {
      expect(await checkHealth(hanging, 200)).toEqual({ status: "unavailable" });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
      await hanging.$disconnect().catch(() => undefined);
    }
  });
});
