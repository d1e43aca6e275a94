// The admin console's bench data: BENCH_ORDERS orders (100,000 by default, issue 6) spread over the
// last 120 days, from BENCH_ORDERS / 20 customer accounts (a quarter of the orders are guests'),
// one line each, in every status in realistic shares; an audit log of the same size; and a staff
// member with a bearer session (for the procedures) and a cookie session (for the CSV export).
// Generated in SQL (generate_series), so 100,000 orders take seconds, not minutes.
import { generateToken, hashToken } from "@bazaar/auth";
import pg from "pg";

export interface AdminBenchData {
  orders: number;
  customers: number;
  auditEntries: number;
  /** `Authorization: Bearer` for tRPC, and the cookie session's token for the export route. */
  bearerToken: string;
  cookieToken: string;
  /** An order from the middle of the table, newest first: a deep page starts after it. */
  middle: { createdAt: Date; id: string; number: number };
}

const DAYS = 120;

export async function seedAdminBenchData(databaseUrl: string, orders: number): Promise<AdminBenchData> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const customers = Math.max(1, Math.floor(orders / 20));
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "User" ("id", "email", "name", "role", "emailVerified", "createdAt", "updatedAt")
       SELECT 'bench_user_' || n, 'shopper' || n || '@bench.test', 'Shopper ' || n, 'CUSTOMER', now(),
              now() - (n % ${DAYS}) * interval '1 day' - (n % 1440) * interval '1 minute', now()
       FROM generate_series(1, $1::int) n`,
      [customers],
    );
    // One known variant's copy on every line: what was sold, as an order keeps it.
    const variant = await client.query<{ id: string; sku: string; name: string; product: string }>(
      `SELECT v."id", v."sku", v."name", p."name" AS "product"
       FROM "ProductVariant" v JOIN "Product" p ON p."id" = v."productId" ORDER BY v."id" LIMIT 1`,
    );
    const line = variant.rows[0];
    if (!line) throw new Error("the catalog is empty");
    // roll: 0-2 awaiting payment, 3-9 cancelled, 10-14 expired, 15-34 paid, 35-94 shipped, 95-99 refunded.
    await client.query(
      `INSERT INTO "Order" ("id", "userId", "email", "status", "currency", "subtotalAmount", "shippingAmount",
         "taxAmount", "totalAmount", "refundedAmount", "idempotencyScope", "idempotencyKey", "requestHash",
         "shipName", "shipLine1", "shipCity", "shipPostalCode", "shipCountry", "shippingMethod",
         "createdAt", "updatedAt", "paidAt", "fulfilledAt", "cancelledAt", "carrier", "trackingNumber")
       SELECT 'bench_order_' || n,
              CASE WHEN n % 4 = 0 THEN NULL ELSE 'bench_user_' || c END,
              'shopper' || c || '@bench.test',
              status::"OrderStatus", 'USD', subtotal, 500, subtotal / 10, subtotal + 500 + subtotal / 10,
              CASE WHEN status = 'REFUNDED' THEN subtotal + 500 + subtotal / 10 ELSE 0 END,
              'bench', 'bench-' || n, 'bench',
              'Shopper ' || c, c || ' Market Street', 'Springfield', '12345', 'US', 'standard',
              created, created,
              CASE WHEN status IN ('PAID', 'FULFILLED', 'REFUNDED') THEN created + interval '2 minutes' END,
              CASE WHEN status IN ('FULFILLED', 'REFUNDED') THEN created + interval '1 day' END,
              CASE WHEN status IN ('CANCELLED', 'EXPIRED') THEN created + interval '30 minutes' END,
              CASE WHEN status IN ('FULFILLED', 'REFUNDED') THEN 'UPS' END,
              CASE WHEN status IN ('FULFILLED', 'REFUNDED') THEN '1Z' || lpad(n::text, 16, '0') END
       FROM (
         SELECT n, 1 + n % $2::int AS c, (1000 + (n::bigint * 104729) % 20000)::int AS subtotal,
                now() - (($1::int - n)::float / $1::int * ${DAYS}) * interval '1 day' AS created,
                CASE WHEN r < 3 THEN 'PENDING_PAYMENT' WHEN r < 10 THEN 'CANCELLED' WHEN r < 15 THEN 'EXPIRED'
                     WHEN r < 35 THEN 'PAID' WHEN r < 95 THEN 'FULFILLED' ELSE 'REFUNDED' END AS status
         FROM (SELECT n, (n::bigint * 7919) % 100 AS r FROM generate_series(1, $1::int) n) rolled
       ) generated`,
      [orders, customers],
    );
    await client.query(
      `INSERT INTO "OrderLine" ("id", "orderId", "variantId", "productName", "variantName", "sku",
         "unitAmount", "quantity", "lineAmount")
       SELECT 'bench_line_' || substr(o."id", 13), o."id", $1, $2, $3, $4, o."subtotalAmount", 1, o."subtotalAmount"
       FROM "Order" o WHERE o."idempotencyScope" = 'bench'`,
      [line.id, line.product, line.name, line.sku],
    );
    const staff = await client.query<{ id: string }>(
      `INSERT INTO "User" ("id", "email", "name", "role", "emailVerified", "createdAt", "updatedAt")
       VALUES ('bench_staff', 'bench-staff@bench.test', 'Bench Staff', 'STAFF', now(), now(), now())
       RETURNING "id"`,
    );
    const staffId = staff.rows[0]?.id ?? "bench_staff";
    await client.query(
      `INSERT INTO "AuditLog" ("id", "action", "actorId", "targetType", "targetId", "before", "after", "createdAt")
       SELECT 'bench_audit_' || n,
              (ARRAY['order.fulfilled', 'stock.adjusted', 'product.updated', 'sign_in'])[1 + n % 4],
              $2, (ARRAY['order', 'variant', 'product', NULL])[1 + n % 4], 'bench_order_' || n,
              '{"status": "PAID"}', '{"status": "FULFILLED"}',
              now() - (($1::int - n)::float / $1::int * ${DAYS}) * interval '1 day'
       FROM generate_series(1, $1::int) n`,
      [orders, staffId],
    );
    const bearerToken = generateToken();
    const cookieToken = generateToken();
    for (const [token, kind] of [
      [bearerToken, "BEARER"],
      [cookieToken, "COOKIE"],
    ] as const) {
      await client.query(
        `INSERT INTO "Session" ("id", "sessionToken", "userId", "kind", "expires")
         VALUES ($1, $2, $3, $4::"SessionKind", now() + interval '2 hours')`,
        [`bench_session_${kind.toLowerCase()}`, hashToken(token), staffId, kind],
      );
    }
    await client.query("COMMIT");
    await client.query(`VACUUM (ANALYZE) "Order", "OrderLine", "User", "AuditLog"`);
    const middle = await client.query<{ createdAt: Date; id: string; number: number }>(
      `SELECT "createdAt", "id", "number" FROM "Order" ORDER BY "createdAt" DESC, "id" DESC
       OFFSET (SELECT count(*) / 2 FROM "Order") LIMIT 1`,
    );
    const counts = await client.query<{ orders: number; auditEntries: number }>(
      `SELECT (SELECT count(*)::int FROM "Order") AS "orders", (SELECT count(*)::int FROM "AuditLog") AS "auditEntries"`,
    );
    const row = middle.rows[0];
    const count = counts.rows[0];
    if (!row || !count) throw new Error("the bench orders were not written");
    return {
      orders: count.orders,
      customers,
      auditEntries: count.auditEntries,
      bearerToken,
      cookieToken,
      middle: row,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
