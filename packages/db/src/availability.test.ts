// The outage classifier and monitor against real PostgreSQL servers: the test database for
// errors that are not outages, and a server of this file's own that is stopped and started again.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

import { databaseHealthFor, isDatabaseUnavailable } from "./availability.ts";
import { createDb, databaseHealth } from "./client.ts";
import { freePort, startEmbeddedPostgres, type EmbeddedServer } from "./server/embedded.ts";
import { createTestDatabase } from "./testing/index.ts";

const { db } = await createTestDatabase();

/** A promise and the function that settles it. */
function deferred() {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}

const caught = async (work: () => Promise<unknown>) => {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
};

describe("isDatabaseUnavailable", () => {
  it("knows an unreachable server, a terminated connection and a drained pool, through Prisma and through pg", async () => {
    const nowhere = createDb(`postgresql://nobody@127.0.0.1:${await freePort()}/none`, { maxConnections: 1 });
    expect(isDatabaseUnavailable(await caught(() => nowhere.user.count()))).toBe(true);
    await nowhere.$disconnect();

    // What a server shutting down does to its connections (57P01).
    expect(
      isDatabaseUnavailable(
        await caught(() => db.$queryRawUnsafe("select pg_terminate_backend(pg_backend_pid())")),
      ),
    ).toBe(true);

    // Every pooled connection busy for longer than a transaction may wait: overloaded, try again.
    const small = createDb(serverUrl, { maxConnections: 1 });
    const busy = small.$transaction(async (tx) => tx.$queryRaw`select pg_sleep(1)::text`, { timeout: 5_000 });
    const drained = await caught(() =>
      small.$transaction(async (tx) => tx.$queryRaw`select 1`, { maxWait: 100 }),
    );
    expect(isDatabaseUnavailable(drained)).toBe(true);
    await busy;
    await small.$disconnect();

    const refused = new pg.Client({
      connectionString: `postgresql://nobody@127.0.0.1:${await freePort()}/none`,
    });
    expect(isDatabaseUnavailable(await caught(() => refused.connect()))).toBe(true);
  });

  it("does not mistake a refused query for an outage", async () => {
    expect(isDatabaseUnavailable(await caught(() => db.$queryRawUnsafe("select E'a\\\\x00b'::int")))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(await caught(() => db.$queryRawUnsafe("select 1/0")))).toBe(false);
    expect(
      isDatabaseUnavailable(await caught(() => db.user.create({ data: { email: null as never } }))),
    ).toBe(false);
    expect(isDatabaseUnavailable(new Error("something else"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

// A server of this file's own, to stop and start again.
const folder = await mkdtemp(path.join(tmpdir(), "bazaar-availability-"));
const dataDir = path.join(folder, "data");
const port = await freePort();
let server: EmbeddedServer | undefined = await startEmbeddedPostgres({ dataDir, port });
const serverUrl = server.url;
const client = createDb(serverUrl, { maxConnections: 2 });
const health = databaseHealth(client);
afterAll(async () => {
  await client.$disconnect();
  await server?.stop();
  await rm(folder, { recursive: true, force: true });
});

describe("a database's monitor", () => {
  /** Ask until `want`, for at most 10 s (probes run at most every half second). */
  async function waitFor(want: boolean): Promise<boolean> {
    const until = Date.now() + 10_000;
    let answer = !want;
    while (Date.now() < until && (answer = (await health?.available()) ?? !want) !== want)
      await new Promise((resolve) => setTimeout(resolve, 100));
    return answer;
  }

  it("is the one the client made by createDb reports to, shared by everything that asks for its URL", () => {
    expect(health).toBeDefined();
    expect(databaseHealthFor(serverUrl)).toBe(health);
  });

  it("says down while the server is stopped and up once it is back, with no restart of the client", async () => {
    await client.$queryRaw`select 1`;
    expect(await waitFor(true)).toBe(true);

    await server?.stop();
    server = undefined;
    const failure = await caught(() => client.$queryRaw`select 1`);
    expect(isDatabaseUnavailable(failure)).toBe(true);
    expect(health?.down).toBe(true);
    expect(await waitFor(false)).toBe(false);

    server = await startEmbeddedPostgres({ dataDir, port });
    expect(await waitFor(true)).toBe(true);
    expect(await client.$queryRaw`select 1 as one`).toEqual([{ one: 1 }]);
  });

  it("is not talked back into trusting the server by a transaction the outage cut off", async () => {
    expect(await waitFor(true)).toBe(true);
    // The adapter hands the connection of a rolled-back transaction back to the pool as if it
    // were sound; that must not count as a sign of life once the outage has been seen.
    const gate = deferred();
    const open = deferred();
    const second = caught(() =>
      client.$transaction(async (tx) => {
        await tx.$queryRaw`select 1`;
        open.resolve();
        await gate.promise;
        await tx.$queryRaw`select 1`;
      }),
    );
    await open.promise;
    await server?.stop();
    server = undefined;
    const failure = await caught(() => client.$queryRaw`select 1`);
    expect(isDatabaseUnavailable(failure)).toBe(true);
    // As the API does with every failure it answers with a 503 (asUnavailable).
    health?.reportFailure(failure);
    expect(health?.down).toBe(true);
    // The other transaction fails now, after the outage was seen, and its connection goes back.
    gate.resolve();
    expect(isDatabaseUnavailable(await second)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(health?.down).toBe(true);
    expect(await health?.available()).toBe(false);

    server = await startEmbeddedPostgres({ dataDir, port });
    expect(await waitFor(true)).toBe(true);
  });
});
