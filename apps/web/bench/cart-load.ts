// Add-to-cart under load: `cart.add` on the app with its catalog cache on, from BENCH_CONNECTIONS
// keep-alive connections for BENCH_DURATION seconds (autocannon), after a warm-up.
//
// Every request is a real add that must succeed (2xx): one more of a variant in a guest cart.
// A line holds at most MAX_LINE_QUANTITY (20), so the adds are spread over a pool of guest carts
// made beforehand, each by one `cart.add` (which returns its token, sent as `X-Cart-Token`):
//
// - each cart has LINES_PER_CART variants (all in stock beyond 20) and its adds go round its lines,
//   so a cart takes LINES_PER_CART × 20 − 1 adds after the one that made it, and its size (what
//   every answer recomputes and returns) stays that of a real cart: a few lines;
// - each connection owns carts of its own (handed over in autocannon's setupClient), and a
//   connection has one request in flight at a time, so no two requests ever touch one cart at
//   once: the count is exact and no answer is a 409 for a line already full;
// - the run is bounded in count as well as time (autocannon's maxOverallRequests): exactly as
//   many requests as the carts can take. The warm-up's pool is sized for a generous ceiling rate;
//   the measured run's for 3× the warm-up's rate, so it normally ends on time, not on count.
//
// Alternating `cart.setQuantity` on one line would also stay 2xx, but it is not the add a shopper
// makes (no new line, no quantity check against what is already in the cart), hence real adds.
//
// Afterwards the quantities in the database must add up: at least the setup adds plus the 2xx
// answers (no add lost) and at most the setup adds plus the adds sent (none doubled). The two
// differ by the requests still in flight when a run's time ran out (one per connection at most),
// which the server may finish after autocannon has stopped listening.
import type autocannon from "autocannon";
import pg from "pg";

import { MAX_LINE_QUANTITY } from "@bazaar/validators";

import { loadOnce, type LoadResult } from "./load.ts";
import { inBatches, mutationBody, newGuestCart, type GuestCart } from "./trpc-http.ts";

const PATH = "/api/trpc/cart.add";
/** Lines in each bench cart. */
const LINES_PER_CART = 5;
/** Adds a cart takes after the one that made it. */
const ADDS_PER_CART = LINES_PER_CART * MAX_LINE_QUANTITY - 1;
/** Distinct variants the carts' lines are drawn from. */
const VARIANT_POOL = 100;
/** Requests per second the warm-up's carts are sized for (well above what two cores serve). */
const WARMUP_CEILING_RATE = 2_000;
/** The measured run's carts suffice for this many times the warm-up's rate... */
const RATE_MARGIN = 3;
/** ...and at least this rate. */
const MIN_SIZED_RATE = 100;
/** Carts made at once during setup. */
const SETUP_CONCURRENCY = 10;

export interface CartLoadResult {
  path: string;
  /** The measured run. */
  load: LoadResult;
  warmup: { seconds: number; requests: number; requestsPerSecond: number; failures: number };
  /** Guest carts made (one `cart.add` each, not measured) for the warm-up and the measured run. */
  carts: number;
  linesPerCart: number;
  variants: number;
  /** The most requests the measured run could send (what its carts can take). */
  requestCap: number;
  /** The measured run used up its carts before its time was over (its rate is then total / time). */
  endedByCount: boolean;
  /** The sum of the carts' quantities in the database, setup adds included. */
  quantityInCarts: number;
  /** Adds sent (warm-up and measured run), answered or still in flight at the end of a run. */
  addsSent: number;
  /** What went wrong; empty when every add succeeded and is in the database. */
  problems: string[];
}

interface HeldCart extends GuestCart {
  variants: string[];
  /** Quantity of each line, as this bench put it there. */
  counts: number[];
  /** The line the next add goes to (round robin). */
  next: number;
}

/** One connection's carts, handed out an add at a time. */
class CartSupply {
  private index = 0;
  constructor(private readonly carts: HeldCart[]) {}

  /** The next add that keeps every line within MAX_LINE_QUANTITY, or undefined when all are full. */
  take(): { token: string; variantId: string } | undefined {
    while (this.index < this.carts.length) {
      const cart = this.carts[this.index];
      if (!cart) break;
      for (let k = 0; k < LINES_PER_CART; k++) {
        const line = (cart.next + k) % LINES_PER_CART;
        if ((cart.counts[line] ?? MAX_LINE_QUANTITY) < MAX_LINE_QUANTITY) {
          cart.counts[line] = (cart.counts[line] ?? 0) + 1;
          cart.next = line + 1;
          return { token: cart.token, variantId: cart.variants[line] ?? "" };
        }
      }
      this.index++;
    }
    return undefined;
  }
}

async function pickVariants(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Spread over the catalog (md5 order), each with more in stock than one line can hold.
    const { rows } = await client.query<{ id: string }>(
      `SELECT "id" FROM "ProductVariant" WHERE "stockOnHand" >= $1 ORDER BY md5("id") LIMIT $2`,
      [MAX_LINE_QUANTITY, VARIANT_POOL],
    );
    return rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}

async function quantityIn(databaseUrl: string, cartIds: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ total: number }>(
      `SELECT coalesce(sum("quantity"), 0)::int AS "total" FROM "CartItem" WHERE "cartId" = ANY($1)`,
      [cartIds],
    );
    return rows[0]?.total ?? 0;
  } finally {
    await client.end();
  }
}

let cartsMade = 0;

/** `count` guest carts, each made by one add of its first line; its lines follow the pool's order. */
async function makeCarts(origin: string, variants: string[], count: number): Promise<HeldCart[]> {
  return inBatches(Array.from({ length: count }), SETUP_CONCURRENCY, async () => {
    const first = cartsMade++;
    const lines = Array.from(
      { length: LINES_PER_CART },
      (_, line) => variants[(first * LINES_PER_CART + line) % variants.length] ?? "",
    );
    const cart = await newGuestCart(origin, lines[0] ?? "");
    return { ...cart, variants: lines, counts: lines.map((_, line) => (line === 0 ? 1 : 0)), next: 1 };
  });
}

/**
 * One autocannon run of adds from `connections` connections, each with `cartsPerConnection` carts
 * of its own; at most as many requests as those carts take.
 */
async function addRun(
  origin: string,
  variants: string[],
  options: { connections: number; seconds: number; cartsPerConnection: number },
) {
  const carts = await makeCarts(origin, variants, options.connections * options.cartsPerConnection);
  const supplies = Array.from(
    { length: options.connections },
    (_, i) =>
      new CartSupply(carts.slice(i * options.cartsPerConnection, (i + 1) * options.cartsPerConnection)),
  );
  let clients = 0;
  let overdrawn = 0;
  let sent = 0;
  const requestCap = carts.length * ADDS_PER_CART;
  const result = await loadOnce(origin + PATH, {
    connections: options.connections,
    seconds: options.seconds,
    // Split evenly over the connections (autocannon gives each its share): what its carts take.
    maxOverallRequests: requestCap,
    method: "POST",
    headers: { "content-type": "application/json" },
    setupClient(client: autocannon.Client) {
      const supply = supplies[clients++ % supplies.length] ?? new CartSupply([]);
      client.setRequests([
        {
          method: "POST",
          path: PATH,
          setupRequest(request: autocannon.Request) {
            const add = supply.take();
            if (!add) {
              // Cannot happen with the cap above; if it did, the run is failed, not miscounted.
              overdrawn++;
              return { ...request, method: "GET", path: "/api/health", body: "" };
            }
            // autocannon writes what this returns at once: every add taken is an add sent.
            sent++;
            return {
              ...request,
              headers: { ...request.headers, "content-type": "application/json", "x-cart-token": add.token },
              body: mutationBody({ variantId: add.variantId, quantity: 1 }),
            };
          },
        },
      ]);
    },
  });
  return { result, carts, requestCap, overdrawn, sent };
}

export async function measureCartAdds(options: {
  origin: string;
  databaseUrl: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  log: (line: string) => void;
}): Promise<CartLoadResult> {
  const variants = await pickVariants(options.databaseUrl);
  if (variants.length < LINES_PER_CART) {
    throw new Error(`cart load: only ${variants.length} variants have ${MAX_LINE_QUANTITY} or more in stock`);
  }
  const problems: string[] = [];
  const cartsFor = (rate: number, seconds: number) =>
    Math.max(1, Math.ceil((rate * seconds) / options.connections / ADDS_PER_CART));

  const warmSeconds = Math.max(1, options.warmupSeconds);
  const warm = await addRun(options.origin, variants, {
    connections: options.connections,
    seconds: warmSeconds,
    cartsPerConnection: cartsFor(WARMUP_CEILING_RATE, warmSeconds),
  });
  const warmRate = warm.result.requests / Math.max(warm.result.seconds, 0.001);

  const sizedRate = Math.max(MIN_SIZED_RATE, RATE_MARGIN * warmRate);
  const cartsPerConnection = cartsFor(sizedRate, options.seconds);
  options.log(
    `cart.add: warm-up ${warmRate.toFixed(0)} req/s; ${options.connections * cartsPerConnection} carts of ${LINES_PER_CART} lines for up to ${(options.connections * cartsPerConnection * ADDS_PER_CART).toLocaleString("en")} adds`,
  );
  const measured = await addRun(options.origin, variants, {
    connections: options.connections,
    seconds: options.seconds,
    cartsPerConnection,
  });
  let load: LoadResult = measured.result;
  const endedByCount = measured.result.seconds < options.seconds - 0.5;
  if (endedByCount) {
    // The last second was partial: the mean of per-second counts would understate the rate.
    load = { ...load, requestsPerSecond: load.requests / Math.max(load.seconds, 0.001) };
    options.log("cart.add: the measured run used up its carts before its time (rate = requests / time)");
  }

  for (const [what, run] of [
    ["warm-up", warm],
    ["measured run", measured],
  ] as const) {
    const failures = run.result.non2xx + run.result.errors;
    if (failures > 0) {
      problems.push(`${what}: ${run.result.non2xx} non-2xx answers, ${run.result.errors} errors`);
    }
    if (run.overdrawn > 0) problems.push(`${what}: ${run.overdrawn} requests found every cart full`);
  }
  const allCarts = [...warm.carts, ...measured.carts];
  const succeeded = warm.result.responses2xx + measured.result.responses2xx;
  const addsSent = warm.sent + measured.sent;
  const quantityInCarts = await quantityIn(
    options.databaseUrl,
    allCarts.map((cart) => cart.id),
  );
  if (quantityInCarts < allCarts.length + succeeded || quantityInCarts > allCarts.length + addsSent) {
    problems.push(
      `the carts hold ${quantityInCarts} items, not between ${allCarts.length} setup adds + ${succeeded} successful adds and the same + ${addsSent} adds sent`,
    );
  }
  if (addsSent - succeeded > 2 * options.connections + warm.result.non2xx + measured.result.non2xx) {
    problems.push(`${addsSent - succeeded} adds sent got no answer (at most one per connection per run may)`);
  }
  return {
    path: PATH,
    load,
    warmup: {
      seconds: warm.result.seconds,
      requests: warm.result.requests,
      requestsPerSecond: warmRate,
      failures: warm.result.non2xx + warm.result.errors,
    },
    carts: allCarts.length,
    linesPerCart: LINES_PER_CART,
    variants: variants.length,
    requestCap: measured.requestCap,
    endedByCount,
    quantityInCarts,
    addsSent,
    problems,
  };
}
