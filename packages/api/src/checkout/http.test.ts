// The cart, checkout and orders procedures as clients call them: the guest cart cookie (and the
// apps' X-Cart-Token), field errors, the merge on sign-in, and who may see which order.
import { hashPassword, readAuthEnv, signingSecret } from "@bazaar/auth";
import { createTestDatabase } from "@bazaar/db/testing";
import { seedCheckoutRates } from "@bazaar/db/seed/checkout-rates";
import { beforeAll, describe, expect, it } from "vitest";

import { PASSWORD, signInPersonas, type SignedIn } from "../../test/accounts.ts";
import { insertCatalog, T0, US_ADDRESS } from "../../test/catalog-fixtures.ts";
import { callHttp, firstServerEvent } from "../../test/http.ts";
import { orderAccessToken } from "../orders/access.ts";

const { db } = await createTestDatabase();
await insertCatalog(db, [
  { id: "tea", categoryId: "cat_a", createdAt: T0, variants: [[1800, 500]] },
  { id: "scarce", categoryId: "cat_a", createdAt: T0, variants: [[2500, 20]] },
]);
await seedCheckoutRates(db);

const key = () => crypto.randomUUID();

/** The cookie a response set, as the browser would send it back. */
function cookieFrom(headers: Headers): string {
  const set = headers.get("set-cookie") ?? "";
  return set.split(";")[0] ?? "";
}

interface CartData {
  lines: { variantId: string; quantity: number }[];
}

const stockConflictsOf = (error: { data: object } | undefined) =>
  (error?.data as { stockConflicts?: unknown } | undefined)?.stockConflicts;
const SCARCE = { variantId: "scarce_v0", productName: "Product scarce", variantName: "Variant 0" };
const setScarceStock = (stockOnHand: number) =>
  db.productVariant.update({ where: { id: "scarce_v0" }, data: { stockOnHand } });

describe("a guest's cart", () => {
  it("is made on the first add and handed back as an HttpOnly cookie and a token", async () => {
    const added = await callHttp(db, "cart.add", {
      mutation: true,
      input: { variantId: "tea_v0", quantity: 2 },
    });
    expect(added.status).toBe(200);
    const setCookie = added.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^bazaar\.cart=[^;]+; Path=\/; Max-Age=2592000; SameSite=Lax; HttpOnly$/);
    const { cartToken } = added.data as { cartToken: string };

    const byCookie = await callHttp(db, "cart.get", { headers: { cookie: cookieFrom(added.headers) } });
    expect((byCookie.data as CartData).lines).toEqual([
      expect.objectContaining({ variantId: "tea_v0", quantity: 2 }),
    ]);
    const byToken = await callHttp(db, "cart.get", { headers: { "x-cart-token": cartToken } });
    expect((byToken.data as CartData).lines).toHaveLength(1);
  });

  it("a tampered or foreign cookie is no cart at all", async () => {
    const added = await callHttp(db, "cart.add", { mutation: true, input: { variantId: "tea_v0" } });
    const cookie = cookieFrom(added.headers);
    const tampered = cookie.replace(/bazaar\.cart=([^.]+)/, "bazaar.cart=$1x");
    expect(
      ((await callHttp(db, "cart.get", { headers: { cookie: tampered } })).data as CartData).lines,
    ).toEqual([]);
    expect(
      (
        (await callHttp(db, "cart.get", { headers: { "x-cart-token": "c_someone_else.AAAA" } }))
          .data as CartData
      ).lines,
    ).toEqual([]);
  });

  it.each([
    ["a quantity of 0", { variantId: "tea_v0", quantity: 0 }, "quantity"],
    ["half an item", { variantId: "tea_v0", quantity: 1.5 }, "quantity"],
    ["more than 20", { variantId: "tea_v0", quantity: 21 }, "quantity"],
    ["no item", { quantity: 1 }, "variantId"],
    ["an item that does not exist", { variantId: "nope", quantity: 1 }, "variantId"],
  ])("refuses %s with a 400 on the field", async (_, input, field) => {
    const { status, error } = await callHttp(db, "cart.add", { mutation: true, input });
    expect(status).toBe(400);
    expect(Object.keys(error?.data.fieldErrors ?? {})).toEqual([field]);
  });
});

describe("checking out", () => {
  it("quotes, places the order once per key, and empties the cart", async () => {
    const added = await callHttp(db, "cart.add", {
      mutation: true,
      input: { variantId: "tea_v0", quantity: 2 },
    });
    const headers = { cookie: cookieFrom(added.headers) };
    const quote = await callHttp(db, "checkout.quote", { headers, input: { address: US_ADDRESS } });
    expect(quote.data).toMatchObject({
      subtotalAmount: 3600,
      shipping: { code: "standard", amount: 500 },
      taxAmount: 261,
    });

    const input = {
      email: "guest@example.test",
      address: US_ADDRESS,
      shippingRate: "standard",
      idempotencyKey: key(),
    };
    const placed = await callHttp(db, "checkout.placeOrder", { mutation: true, headers, input });
    expect(placed.status).toBe(200);
    expect(placed.data).toMatchObject({ status: "PENDING_PAYMENT", totalAmount: 3600 + 500 + 261 });
    const again = await callHttp(db, "checkout.placeOrder", { mutation: true, headers, input });
    expect((again.data as { id: string }).id).toBe((placed.data as { id: string }).id);
    expect(((await callHttp(db, "cart.get", { headers })).data as CartData).lines).toEqual([]);
  });

  it.each([
    ["a bad postal code", { address: { ...US_ADDRESS, postalCode: "X" } }, "address.postalCode"],
    ["a country we do not ship to", { address: { ...US_ADDRESS, country: "ZZ" } }, "address.country"],
    ["a short key", { idempotencyKey: "abc" }, "idempotencyKey"],
    ["no email", { email: "" }, "email"],
  ])("refuses %s with a 400 on the field", async (_, change, field) => {
    const added = await callHttp(db, "cart.add", { mutation: true, input: { variantId: "tea_v0" } });
    const input = {
      email: "guest@example.test",
      address: US_ADDRESS,
      shippingRate: "standard",
      idempotencyKey: key(),
      ...change,
    };
    const { status, error } = await callHttp(db, "checkout.placeOrder", {
      mutation: true,
      headers: { cookie: cookieFrom(added.headers) },
      input,
    });
    expect(status).toBe(400);
    expect(Object.keys(error?.data.fieldErrors ?? {})).toContain(field);
  });

  it("the only item sold out since the cart was viewed: a 409 naming it, and nothing placed", async () => {
    await setScarceStock(20);
    const added = await callHttp(db, "cart.add", { mutation: true, input: { variantId: "scarce_v0" } });
    const headers = { cookie: cookieFrom(added.headers) };
    await setScarceStock(0);
    const orders = await db.order.count();
    const input = {
      email: "g@example.test",
      address: US_ADDRESS,
      shippingRate: "standard",
      idempotencyKey: key(),
    };

    const { status, error } = await callHttp(db, "checkout.placeOrder", { mutation: true, headers, input });
    expect(status).toBe(409);
    expect(error?.data).toMatchObject({ code: "CONFLICT", httpStatus: 409, fieldErrors: null });
    expect(stockConflictsOf(error)).toEqual([{ ...SCARCE, requested: 1, available: 0 }]);
    expect(error?.message).toContain("Product scarce (Variant 0) sold out");
    expect(await db.order.count()).toBe(orders);
    expect((await db.productVariant.findUniqueOrThrow({ where: { id: "scarce_v0" } })).stockOnHand).toBe(0);
    // Any other refusal carries no stock conflicts.
    const bad = await callHttp(db, "checkout.placeOrder", {
      mutation: true,
      headers,
      input: { ...input, idempotencyKey: "abc" },
    });
    expect([bad.status, stockConflictsOf(bad.error)]).toEqual([400, null]);
  });

  it("without a cart, there is nothing to check out", async () => {
    const input = {
      email: "guest@example.test",
      address: US_ADDRESS,
      shippingRate: "standard",
      idempotencyKey: key(),
    };
    const { status, error } = await callHttp(db, "checkout.placeOrder", { mutation: true, input });
    expect(status).toBe(400);
    expect(error?.data.fieldErrors).toEqual({ cart: ["is empty"] });
  });
});

describe("200 shoppers whose carts hold only the item, 20 in stock", () => {
  const SHOPPERS = 200;
  const STOCK = 20;
  let carts: { id: string; token: string }[] = [];
  beforeAll(async () => {
    await setScarceStock(SHOPPERS);
    carts = await Promise.all(
      Array.from({ length: SHOPPERS }, async () => {
        const added = await callHttp(db, "cart.add", { mutation: true, input: { variantId: "scarce_v0" } });
        const { cart, cartToken } = added.data as { cart: { id: string }; cartToken: string };
        return { id: cart.id, token: cartToken };
      }),
    );
  });

  // Bounded: three rounds, each within the test's timeout.
  it.each([1, 2, 3])(
    "round %i: exactly 20 orders; every other answer a 409 naming the item, no 400, no 5xx; stock 0",
    async () => {
      await setScarceStock(STOCK);
      await db.cartItem.deleteMany({ where: { cartId: { in: carts.map((c) => c.id) } } });
      await db.cartItem.createMany({
        data: carts.map((c) => ({ cartId: c.id, variantId: "scarce_v0", quantity: 1, unitAmountSeen: 2500 })),
      });
      const soldBefore = await db.orderLine.count({ where: { variantId: "scarce_v0" } });

      const answers = await Promise.all(
        carts.map((c, i) =>
          callHttp(db, "checkout.placeOrder", {
            mutation: true,
            headers: { "x-cart-token": c.token },
            input: {
              email: `racer-${i}@example.test`,
              address: US_ADDRESS,
              shippingRate: "standard",
              idempotencyKey: key(),
            },
          }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(STOCK);
      expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);
      const losers = answers.filter((a) => a.status === 409);
      expect(losers).toHaveLength(SHOPPERS - STOCK);
      for (const loser of losers) {
        expect(stockConflictsOf(loser.error)).toEqual([{ ...SCARCE, requested: 1, available: 0 }]);
      }
      expect((await db.productVariant.findUniqueOrThrow({ where: { id: "scarce_v0" } })).stockOnHand).toBe(0);
      expect(await db.orderLine.count({ where: { variantId: "scarce_v0" } })).toBe(soldBefore + STOCK);
    },
    30_000,
  );
});

describe("signing in with a guest cart", () => {
  it("moves the guest's items into the account's cart and drops the cookie", async () => {
    await db.user.create({
      data: {
        email: "merger@example.com",
        passwordHash: await hashPassword(PASSWORD),
        emailVerified: new Date(),
      },
    });
    const added = await callHttp(db, "cart.add", {
      mutation: true,
      input: { variantId: "tea_v0", quantity: 3 },
    });
    const signedIn = await callHttp(db, "account.signIn", {
      mutation: true,
      headers: { cookie: cookieFrom(added.headers) },
      input: { email: "merger@example.com", password: PASSWORD },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get("set-cookie")).toMatch(/^bazaar\.cart=; Path=\/; Max-Age=0/);
    const { token } = signedIn.data as { token: string };
    const cart = (await callHttp(db, "cart.get", { token })).data as CartData;
    expect(cart.lines).toEqual([expect.objectContaining({ variantId: "tea_v0", quantity: 3 })]);
  });
});

describe("whose order is it (access matrix)", () => {
  let people: Record<"customerA" | "customerB" | "staff" | "admin", SignedIn>;
  let orderOfA: string;
  beforeAll(async () => {
    people = await signInPersonas(db);
    const added = await callHttp(db, "cart.add", {
      mutation: true,
      token: people.customerA.token,
      input: { variantId: "tea_v0" },
    });
    expect(added.status).toBe(200);
    const placed = await callHttp(db, "checkout.placeOrder", {
      mutation: true,
      token: people.customerA.token,
      input: {
        email: "ignored@example.test",
        address: US_ADDRESS,
        shippingRate: "standard",
        idempotencyKey: key(),
      },
    });
    orderOfA = (placed.data as { id: string }).id;
  });

  it("the order belongs to A's account, under A's address", async () => {
    const order = await db.order.findUniqueOrThrow({ where: { id: orderOfA } });
    expect(order).toMatchObject({ userId: people.customerA.id, email: people.customerA.email });
  });

  it.each([
    ["anonymous", undefined, 404],
    ["customer A", "customerA", 200],
    ["customer B", "customerB", 404],
    ["staff", "staff", 200],
    ["admin", "admin", 200],
  ] as const)("orders.get of A's order, as %s (%s): %d", async (_, who, status) => {
    const token = who ? people[who].token : undefined;
    expect((await callHttp(db, "orders.get", { token, input: { orderId: orderOfA } })).status).toBe(status);
  });

  it.each([
    ["anonymous", undefined, "error"],
    ["customer A", "customerA", "PENDING_PAYMENT"],
    ["customer B", "customerB", "error"],
    ["staff", "staff", "PENDING_PAYMENT"],
  ] as const)("the live orders.progress of A's order, as %s (%s): %s", async (_, who, expected) => {
    const token = who ? people[who].token : undefined;
    const event = await firstServerEvent(db, "orders.progress", { token, input: { orderId: orderOfA } });
    if (expected === "error") {
      expect(event.type).toBe("serialized-error");
      expect(JSON.stringify(event.data)).toContain("NOT_FOUND");
    } else {
      expect(event.type).toBe("message");
      expect(JSON.stringify(event.data)).toContain(`"status":"${expected}"`);
    }
  });

  it("orders.mine lists only the caller's own orders", async () => {
    const mineA = (await callHttp(db, "orders.mine", { token: people.customerA.token })).data as {
      id: string;
    }[];
    const mineB = (await callHttp(db, "orders.mine", { token: people.customerB.token })).data as {
      id: string;
    }[];
    expect(mineA.map((o) => o.id)).toContain(orderOfA);
    expect(mineB.map((o) => o.id)).not.toContain(orderOfA);
    expect((await callHttp(db, "orders.mine")).status).toBe(401);
  });

  it.each([
    ["anonymous", undefined, 404],
    ["customer A", "customerA", 200],
    ["customer B", "customerB", 404],
    ["staff", "staff", 404],
  ] as const)("payments.start for A's order, as %s (%s): %d", async (_, who, status) => {
    const token = who ? people[who].token : undefined;
    const started = await callHttp(db, "payments.start", {
      mutation: true,
      token,
      input: { orderId: orderOfA },
    });
    expect(started.status).toBe(status);
    if (status === 200)
      expect((started.data as { pagePath: string }).pagePath).toMatch(/^\/pay\/tp_[0-9a-f]{32}$/);
  });

  it("a guest can pay for the order their own cart placed, and no other", async () => {
    const added = await callHttp(db, "cart.add", { mutation: true, input: { variantId: "tea_v0" } });
    const headers = { cookie: cookieFrom(added.headers) };
    const placed = await callHttp(db, "checkout.placeOrder", {
      mutation: true,
      headers,
      input: {
        email: "g@example.test",
        address: US_ADDRESS,
        shippingRate: "standard",
        idempotencyKey: key(),
      },
    });
    const orderId = (placed.data as { id: string }).id;
    expect(
      (await callHttp(db, "payments.start", { mutation: true, headers, input: { orderId } })).status,
    ).toBe(200);
    const stranger = await callHttp(db, "cart.add", { mutation: true, input: { variantId: "tea_v0" } });
    const foreign = await callHttp(db, "payments.start", {
      mutation: true,
      headers: { cookie: cookieFrom(stranger.headers) },
      input: { orderId },
    });
    expect(foreign.status).toBe(404);
  });

  it("a guest's order opens from another device with its signed link, and only that order", async () => {
    const added = await callHttp(db, "cart.add", { mutation: true, input: { variantId: "tea_v0" } });
    const placed = await callHttp(db, "checkout.placeOrder", {
      mutation: true,
      headers: { cookie: cookieFrom(added.headers) },
      input: {
        email: "g2@example.test",
        address: US_ADDRESS,
        shippingRate: "standard",
        idempotencyKey: key(),
      },
    });
    const orderId = (placed.data as { id: string }).id;
    const access = orderAccessToken(signingSecret(readAuthEnv().AUTH_SECRET), orderId);
    const opened = await callHttp(db, "orders.get", { input: { orderId, access } });
    expect([opened.status, (opened.data as { viewer: string }).viewer]).toEqual([200, "placer"]);
    expect((await callHttp(db, "orders.get", { input: { orderId } })).status).toBe(404);
    expect((await callHttp(db, "orders.get", { input: { orderId: orderOfA, access } })).status).toBe(404);
    const forged = `${orderId}.${"A".repeat(43)}`;
    expect((await callHttp(db, "orders.get", { input: { orderId, access: forged } })).status).toBe(404);
  });

  it("B's cart is B's own: A's items never show in it", async () => {
    const cartB = (await callHttp(db, "cart.get", { token: people.customerB.token })).data as CartData;
    expect(cartB.lines).toEqual([]);
  });
});
