import { appRouter, createContext, refuseOversizedBody, retryAfterHeader } from "@bazaar/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { getDb } from "~/server/db";
import { getOrderFeed } from "~/server/order-feed";
import { nextReadCache } from "~/server/read-cache";

function handler(req: Request) {
  // Refused before tRPC reads the body into memory.
  const refused = refuseOversizedBody(req);
  if (refused) return refused;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    router: appRouter,
    req,
    createContext: ({ resHeaders }) =>
      createContext({
        db: getDb(),
        headers: req.headers,
        readCache: nextReadCache,
        orderFeed: getOrderFeed(),
        resHeaders,
      }),
    // Echo the request id so a shopper's report can be matched to the server's log lines.
    // A 429 also says when to come back.
    responseMeta: ({ ctx, errors }) => ({
      headers: new Headers({
        ...(ctx ? { "x-request-id": ctx.requestId } : {}),
        ...retryAfterHeader(errors),
      }),
    }),
  });
}

export { handler as GET, handler as POST };
