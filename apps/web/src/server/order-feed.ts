import "server-only";
import { createOrderFeed, type OrderFeed } from "@bazaar/api";

import { serverEnv } from "~/env";

// One listening connection per server process (see packages/api/src/orders/live.ts), kept on
// globalThis because Next may load this module once per route.
const holder = globalThis as typeof globalThis & { bazaarOrderFeed?: OrderFeed };

export function getOrderFeed(): OrderFeed {
  holder.bazaarOrderFeed ??= createOrderFeed(serverEnv().DATABASE_URL);
  return holder.bazaarOrderFeed;
}
