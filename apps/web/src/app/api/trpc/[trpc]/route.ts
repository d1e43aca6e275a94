import { handleTrpcRequest } from "@bazaar/api";

import { getDb } from "~/server/db";
import { getOrderFeed } from "~/server/order-feed";
import { nextReadCache } from "~/server/read-cache";

function handler(req: Request) {
  return handleTrpcRequest(req, { db: getDb(), readCache: nextReadCache, orderFeed: getOrderFeed() });
}

export { handler as GET, handler as POST };
