// Checkout under contention: SHOPPERS guest carts call `checkout.placeOrder` all at once, on the
// app with its catalog cache on, in rounds bounded in count (ROUNDS) and time (each request times
// out after 30 s, so a round cannot outlast that).
//
// Setup (not measured): SHOPPERS guest carts, each made by one `cart.add` of a variant of its own
// (its "distinct" variant), and the shipping code `checkout.quote` offers for ADDRESS.
// Before every round, directly in the scratch database: the carts' lines are put back, the
// contended variant's stock is set to STOCK and each distinct variant's to plenty.
//
// - uncontended rounds: each cart holds 1 of its distinct variant only; no two orders lock the
//   same row, so every answer must be a 200. The baseline.
// - contended rounds: each cart holds 1 of the one contended variant only, whose stock (STOCK) is
//   far below SHOPPERS. Exactly STOCK orders must be placed (200) and every other answer must be a
//   409 whose `stockConflicts` names the contended variant as sold out: the shopper's transaction
//   found the stock gone under the row lock, or checkout's look at the cart before it already saw
//   the variant sold out ("Your cart changed"; that look takes the line out, leaving the cart
//   empty, and the answer must still be that 409, never the 400 of a cart that held nothing).
//   After the round the contended variant's stock must be exactly 0 and its order lines exactly
//   STOCK more.
//
// Any 5xx, network error, other status or failed check fails the benchmark. One uncontended round
// before the measured ones warms the server's checkout path up and is not reported.
import { randomUUID } from "node:crypto";
import pg from "pg";

import { callTrpc, callTrpcOk, inBatches, newGuestCart, percentiles, type GuestCart } from "./trpc-http.ts";

/** Concurrent shoppers: carts checking out at once in every round. */
export const SHOPPERS = 200;
/** The contended variant's stock at the start of each contended round. */
export const STOCK = 50;
/** Measured rounds of each kind. */
export const ROUNDS = 3;
/** The distinct variants' stock at the start of each round: more than any round can take. */
const PLENTY = 1_000;
const SETUP_CONCURRENCY = 10;
/** The longest a round can take: the requests' own timeout (trpc-http.ts), plus the database work. */
const ROUND_LIMIT_SECONDS = 40;
/** An upper bound on this whole scenario, for run.ts's deadline: setup, warm-up and measured rounds. */
export const WORST_CASE_SECONDS = 60 + (1 + 2 * ROUNDS) * ROUND_LIMIT_SECONDS;

/** A US address that checkout.quote offers "standard" shipping for (the seeded rates). */
export const ADDRESS = {
  name: "Bench Shopper",
  line1: "1 Market St",
  city: "San Francisco",
  region: "CA",
  postalCode: "94107",
  country: "US",
} as const;

export interface CheckoutRunResult {
  name: string;
  contended: boolean;
  rounds: number;
  shoppers: number;
  /** The contended variant's stock at the start of each round (null: uncontended). */
  stock: number | null;
  requests: number;
  /** Summed over the rounds: from the first request sent to the last answer. */
  seconds: number;
  requestsPerSecond: number;
  ordersPerSecond: number;
  /** Milliseconds per request, over every round's requests. */
  latency: { p50: number; p90: number; p99: number; max: number };
  /** 200: an order placed. */
  placed: number;
  /** 409 naming the contended variant, from the order's transaction: the stock was gone under the row lock. */
  outOfStock: number;
  /** 409 naming the contended variant, from checkout's look at the cart: it had sold out meanwhile. */
  cartChanged: number;
  /** Any other answer: other 4xx, 5xx, or no answer at all (network error, timeout). */
  otherStatus: Record<string, number>;
  serverErrors: number;
  /** What went wrong; empty when every answer and the database are as they must be. */
  problems: string[];
}

export interface CheckoutContentionResult {
  shoppers: number;
  stock: number;
  rounds: number;
  shippingRate: string;
  uncontended: CheckoutRunResult;
  contended: CheckoutRunResult;
}

interface Shopper extends GuestCart {
  /** The variant only this cart holds (shared only if the catalog has too few). */
  distinct: string;
}

interface RoundOutcome {
  ms: number[];
  seconds: number;
  statuses: Map<string, number>;
  placed: number;
  outOfStock: number;
  cartChanged: number;
  problems: string[];
}

/** The contended variant and SHOPPERS others, all in the shop's currency (one cart, one currency). */
async function pickVariants(client: pg.Client): Promise<{ contended: string; distinct: string[] }> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT "id" FROM "ProductVariant" WHERE "currency" = 'USD' ORDER BY md5('checkout' || "id") LIMIT $1`,
    [SHOPPERS + 1],
  );
  const [contended, ...distinct] = rows.map((row) => row.id);
  if (!contended || distinct.length === 0) throw new Error("checkout: the catalog has too few USD variants");
  return { contended, distinct };
}

/** Put each cart's lines back and restock, in one transaction. */
async function resetRound(
  client: pg.Client,
  shoppers: Shopper[],
  contended: string,
  withContended: boolean,
): Promise<void> {
  const cartIds = shoppers.map((s) => s.id);
  const lines = shoppers.map((s) => [s.id, withContended ? contended : s.distinct]);
  await client.query("BEGIN");
  try {
    await client.query(`DELETE FROM "CartItem" WHERE "cartId" = ANY($1)`, [cartIds]);
    await client.query(
      `UPDATE "ProductVariant" SET "stockOnHand" = CASE WHEN "id" = $1 THEN $2::int ELSE $3::int END
       WHERE "id" = $1 OR "id" = ANY($4)`,
      [contended, STOCK, PLENTY, shoppers.map((s) => s.distinct)],
    );
    // The price the shopper "saw" is today's, so the quote reports no change for it.
    await client.query(
      `INSERT INTO "CartItem" ("cartId", "variantId", "quantity", "unitAmountSeen")
       SELECT l."cartId", l."variantId", 1, v."priceAmount"
       FROM unnest($1::text[], $2::text[]) AS l("cartId", "variantId")
       JOIN "ProductVariant" v ON v."id" = l."variantId"
       ON CONFLICT ("cartId", "variantId") DO NOTHING`,
      [lines.map(([cart]) => cart), lines.map(([, variant]) => variant)],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

async function contendedFacts(client: pg.Client, variantId: string) {
  const { rows } = await client.query<{ stock: number; lines: number }>(
    `SELECT (SELECT "stockOnHand" FROM "ProductVariant" WHERE "id" = $1) AS "stock",
            (SELECT count(*)::int FROM "OrderLine" WHERE "variantId" = $1) AS "lines"`,
    [variantId],
  );
  return rows[0] ?? { stock: Number.NaN, lines: Number.NaN };
}

/** Every shopper's placeOrder at once; each answer timed to its last byte. */
async function placeAll(
  origin: string,
  shoppers: Shopper[],
  shippingRate: string,
  contended: string,
): Promise<RoundOutcome> {
  const outcome: RoundOutcome = {
    ms: [],
    seconds: 0,
    statuses: new Map(),
    placed: 0,
    outOfStock: 0,
    cartChanged: 0,
    problems: [],
  };
  const count = (key: string) => outcome.statuses.set(key, (outcome.statuses.get(key) ?? 0) + 1);
  const started = performance.now();
  await Promise.all(
    shoppers.map(async (shopper, i) => {
      const sent = performance.now();
      try {
        const reply = await callTrpc(
          origin,
          "checkout.placeOrder",
          {
            email: `shopper-${i}@bench.example`,
            address: ADDRESS,
            shippingRate,
            idempotencyKey: randomUUID(),
          },
          { cartToken: shopper.token },
        );
        outcome.ms.push(reply.ms);
        const message = reply.error?.message ?? "";
        const soldOut =
          reply.status === 409 &&
          reply.error?.stockConflicts?.length === 1 &&
          reply.error.stockConflicts[0]?.variantId === contended &&
          reply.error.stockConflicts[0].available === 0;
        if (reply.status === 200) outcome.placed++;
        else if (soldOut && message.startsWith("Your cart changed")) outcome.cartChanged++;
        else if (soldOut) outcome.outOfStock++;
        else {
          count(String(reply.status));
          if (outcome.problems.length < 3) {
            outcome.problems.push(`a checkout answered ${reply.status}: ${message.slice(0, 160)}`);
          }
        }
      } catch (error) {
        outcome.ms.push(performance.now() - sent);
        count("no answer");
        if (outcome.problems.length < 3) {
          outcome.problems.push(
            `a checkout got no answer: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    }),
  );
  outcome.seconds = (performance.now() - started) / 1000;
  return outcome;
}

function summarize(
  name: string,
  contended: boolean,
  rounds: RoundOutcome[],
  problems: string[],
): CheckoutRunResult {
  const seconds = rounds.reduce((sum, r) => sum + r.seconds, 0);
  const requests = rounds.reduce((sum, r) => sum + r.ms.length, 0);
  const placed = rounds.reduce((sum, r) => sum + r.placed, 0);
  const otherStatus: Record<string, number> = {};
  for (const round of rounds) {
    for (const [status, n] of round.statuses) otherStatus[status] = (otherStatus[status] ?? 0) + n;
  }
  return {
    name,
    contended,
    rounds: rounds.length,
    shoppers: SHOPPERS,
    stock: contended ? STOCK : null,
    requests,
    seconds,
    requestsPerSecond: seconds > 0 ? requests / seconds : 0,
    ordersPerSecond: seconds > 0 ? placed / seconds : 0,
    latency: percentiles(rounds.flatMap((r) => r.ms)),
    placed,
    outOfStock: rounds.reduce((sum, r) => sum + r.outOfStock, 0),
    cartChanged: rounds.reduce((sum, r) => sum + r.cartChanged, 0),
    otherStatus,
    serverErrors: Object.entries(otherStatus)
      .filter(([status]) => /^5\d\d$/.test(status))
      .reduce((sum, [, n]) => sum + n, 0),
    problems,
  };
}

function withinRoundLimit<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${what} took longer than ${ROUND_LIMIT_SECONDS} s`)),
        ROUND_LIMIT_SECONDS * 1000,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

export async function measureCheckoutContention(options: {
  origin: string;
  databaseUrl: string;
  log: (line: string) => void;
}): Promise<CheckoutContentionResult> {
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    const { contended, distinct } = await pickVariants(client);
    if (distinct.length < SHOPPERS) {
      options.log(`checkout: only ${distinct.length} other USD variants: some carts share theirs`);
    }
    // Restock the distinct variants first: the carts are made by adding one of each.
    await client.query(`UPDATE "ProductVariant" SET "stockOnHand" = $1 WHERE "id" = ANY($2)`, [
      PLENTY,
      distinct,
    ]);
    const shoppers = await inBatches(
      Array.from({ length: SHOPPERS }, (_, i) => distinct[i % distinct.length] ?? ""),
      SETUP_CONCURRENCY,
      async (variantId) => ({ ...(await newGuestCart(options.origin, variantId)), distinct: variantId }),
    );
    const first = shoppers[0];
    if (!first) throw new Error("checkout: no shoppers");
    const quote = await callTrpcOk<{ shipping: { code: string } }>(
      options.origin,
      "checkout.quote",
      { address: ADDRESS },
      { cartToken: first.token, query: true },
    );
    const shippingRate = quote.shipping.code;
    options.log(
      `checkout: ${SHOPPERS} guest carts; shipping "${shippingRate}"; contended variant ${contended} (stock ${STOCK} per round)`,
    );

    const round = async (withContended: boolean, label: string): Promise<RoundOutcome> => {
      await resetRound(client, shoppers, contended, withContended);
      const before = await contendedFacts(client, contended);
      const outcome = await withinRoundLimit(
        placeAll(options.origin, shoppers, shippingRate, contended),
        label,
      );
      const after = await contendedFacts(client, contended);
      const answered = outcome.placed + outcome.outOfStock + outcome.cartChanged;
      if (withContended) {
        if (outcome.placed !== STOCK) outcome.problems.push(`${outcome.placed} orders placed, not ${STOCK}`);
        if (answered !== SHOPPERS) {
          outcome.problems.push(
            `${SHOPPERS - answered} answers were neither 200 nor a 409 naming the sold-out variant`,
          );
        }
        if (after.stock !== 0)
          outcome.problems.push(`the contended variant's stock ended at ${after.stock}, not 0`);
        if (after.lines - before.lines !== STOCK) {
          outcome.problems.push(
            `${after.lines - before.lines} orders hold the contended variant, not ${STOCK}`,
          );
        }
      } else if (outcome.placed !== SHOPPERS) {
        outcome.problems.push(`${outcome.placed} of ${SHOPPERS} uncontended checkouts placed an order`);
      }
      const conflicts = outcome.outOfStock + outcome.cartChanged;
      options.log(
        `  ${label}: ${outcome.placed} placed, ${conflicts} conflicts (409) in ${outcome.seconds.toFixed(2)} s${outcome.problems.length > 0 ? `; ${outcome.problems.join("; ")}` : ""}`,
      );
      return outcome;
    };

    const warmup = await round(false, "warm-up (uncontended, not reported)");
    const uncontendedRounds: RoundOutcome[] = [];
    for (let i = 1; i <= ROUNDS; i++) uncontendedRounds.push(await round(false, `uncontended round ${i}`));
    const contendedRounds: RoundOutcome[] = [];
    for (let i = 1; i <= ROUNDS; i++) contendedRounds.push(await round(true, `contended round ${i}`));

    const problemsOf = (rounds: RoundOutcome[], extra: string[] = []) => [
      ...extra,
      ...rounds.flatMap((r, i) => r.problems.map((problem) => `round ${i + 1}: ${problem}`)),
    ];
    return {
      shoppers: SHOPPERS,
      stock: STOCK,
      rounds: ROUNDS,
      shippingRate,
      uncontended: summarize(
        "checkout, uncontended",
        false,
        uncontendedRounds,
        problemsOf(
          uncontendedRounds,
          warmup.problems.map((problem) => `warm-up: ${problem}`),
        ),
      ),
      contended: summarize(
        `checkout, ${SHOPPERS} shoppers for ${STOCK} in stock`,
        true,
        contendedRounds,
        problemsOf(contendedRounds),
      ),
    };
  } finally {
    await client.end();
  }
}
