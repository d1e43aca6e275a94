// Live order updates across every app instance without another service: a transaction that
// changes an order also runs `pg_notify`, which PostgreSQL delivers only if and when it commits,
// to every process LISTENing (docs/decisions/0015). Each process holds one listening connection
// and fans notices out to its subscribers.
import type { Prisma } from "@bazaar/db";
import pg from "pg";

const CHANNEL = "order_changed";

/** Inside the transaction that changes the order: the notice goes out with the commit. */
export async function announceOrderChange(tx: Prisma.TransactionClient, orderId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${CHANNEL}, ${orderId})`;
}

export interface OrderFeed {
  /** Call `onChange` whenever the order may have changed (also after a lost connection); returns the unsubscribe. */
  subscribe(orderId: string, onChange: () => void): Promise<() => void>;
  close(): Promise<void>;
}

/** After losing the connection, try again this often while anyone is subscribed. */
const RECONNECT_MS = 1_000;

/** One LISTEN connection per process, opened on the first subscriber and reopened after a failure. */
export function createOrderFeed(databaseUrl: string): OrderFeed {
  const subscribers = new Map<string, Set<() => void>>();
  let connection: Promise<pg.Client> | null = null;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let closed = false;

  const notifyAll = () => {
    for (const set of subscribers.values()) for (const onChange of set) onChange();
  };
  // Notices sent while nobody listened are lost: once listening again, everyone re-reads.
  const reconnectLater = () => {
    if (closed || reconnectTimer || subscribers.size === 0) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      connect().then(notifyAll, reconnectLater);
    }, RECONNECT_MS);
    reconnectTimer.unref();
  };
  const connect = () => {
    connection ??= (async () => {
      const client = new pg.Client({ connectionString: databaseUrl, application_name: "bazaar-order-feed" });
      client.on("notification", (message) => {
        if (message.channel !== CHANNEL || !message.payload) return;
        for (const onChange of subscribers.get(message.payload) ?? []) onChange();
      });
      const lost = () => {
        connection = null;
        client.removeAllListeners();
        client.end().catch(() => undefined);
        notifyAll();
        reconnectLater();
      };
      client.on("error", lost);
      client.on("end", lost);
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANNEL}`);
      } catch (error) {
        connection = null;
        client.removeAllListeners();
        await client.end().catch(() => undefined);
        throw error;
      }
      return client;
    })();
    return connection;
  };

  return {
    async subscribe(orderId, onChange) {
      await connect();
      let set = subscribers.get(orderId);
      if (!set) subscribers.set(orderId, (set = new Set()));
      set.add(onChange);
      return () => {
        set.delete(onChange);
        if (set.size === 0) subscribers.delete(orderId);
      };
    },
    async close() {
      closed = true;
      clearTimeout(reconnectTimer);
      const open = connection;
      connection = null;
      subscribers.clear();
      if (open) {
        const client = await open.catch(() => null);
        client?.removeAllListeners();
        await client?.end().catch(() => undefined);
      }
    },
  };
}
