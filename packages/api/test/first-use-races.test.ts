// "Create on first use", raced: the same first request sent several times at once must answer
// as one request would, and never with a 5xx. Each case starts from nothing (no cart, no order
// for the key, no sessions, no count) and fires its requests together over HTTP.
import { createRateLimiter } from "@bazaar/auth";
import { createTestDatabase } from "@bazaar/db/testing";
import { seedCheckoutRates } from "@bazaar/db/seed/checkout-rates";
import { describe, expect, it } from "vitest";

import { PASSWORD, signInPersonas } from "./accounts.ts";
import { insertCatalog, T0, US_ADDRESS } from "./catalog-fixtures.ts";
import { callHttp } from "./http.ts";
import { png } from "./image-fixtures.ts";
import { makeKey, rest } from "./rest.ts";

const { db } = await createTestDatabase();
await insertCatalog(db, [{ id: "tea", categoryId: "cat_a", createdAt: T0, variants: [[1800, 500]] }]);
await seedCheckoutRates(db);
const people = await signInPersonas(db);

/** How many copies of each first request are sent at once. */
const AT_ONCE = 6;
const together = <T>(make: (i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: AT_ONCE }, (_, i) => make(i)));
const statuses = (answers: { status: number }[]) => answers.map((a) => a.status);

describe("a signed-in shopper's first cart", () => {
  it("is read by concurrent first looks without being made, and made once by concurrent first adds", async () => {
    const { token, id } = people.customerA;
    const looks = await together(() => callHttp(db, "cart.get", { token }));
    expect(statuses(looks)).toEqual(Array(AT_ONCE).fill(200));
    // Looking makes nothing: the header and the cart page both ask before anything is added.
    expect(await db.cart.count({ where: { userId: id } })).toBe(0);

    const adds = await together(() =>
      callHttp(db, "cart.add", { token, mutation: true, input: { variantId: "tea_v0", quantity: 1 } }),
    );
    expect(statuses(adds)).toEqual(Array(AT_ONCE).fill(200));
    const carts = await db.cart.findMany({ where: { userId: id }, include: { items: true } });
    expect(carts).toHaveLength(1);
    // No add was lost to another's read: one line, holding every add.
    expect(carts[0]?.items.map((item) => item.quantity)).toEqual([AT_ONCE]);
  });

  it("takes concurrent sign-ins that each bring a guest cart, keeping every line", async () => {
    const email = "merger@example.com";
    const { hashPassword } = await import("@bazaar/auth");
    await db.user.create({
      data: { email, passwordHash: await hashPassword(PASSWORD), emailVerified: new Date() },
    });
    const guests = await together(async () => {
      const added = await callHttp(db, "cart.add", {
        mutation: true,
        input: { variantId: "tea_v0", quantity: 1 },
      });
      return (added.data as { cartToken: string }).cartToken;
    });
    const signIns = await Promise.all(
      guests.map((cartToken) =>
        callHttp(db, "account.signIn", {
          mutation: true,
          input: { email, password: PASSWORD },
          headers: { "x-cart-token": cartToken },
          rateLimiter: createRateLimiter({ keyPrefix: `race-merge-${cartToken.slice(0, 8)}` }),
        }),
      ),
    );
    expect(statuses(signIns)).toEqual(Array(AT_ONCE).fill(200));
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const carts = await db.cart.findMany({ where: { userId: user.id }, include: { items: true } });
    expect(carts).toHaveLength(1);
    expect(carts[0]?.items.map((item) => item.quantity)).toEqual([AT_ONCE]);
    expect(await db.cart.count({ where: { userId: null, items: { some: {} } } })).toBe(0);
  });
});

describe("an idempotency key's first use", () => {
  it("places one order however many retries arrive together, and each answers with it", async () => {
    const { token } = people.customerB;
    await callHttp(db, "cart.add", { token, mutation: true, input: { variantId: "tea_v0", quantity: 2 } });
    const idempotencyKey = crypto.randomUUID();
    const placed = await together(() =>
      callHttp(db, "checkout.placeOrder", {
        token,
        mutation: true,
        input: {
          email: people.customerB.email,
          address: US_ADDRESS,
          shippingRate: "standard",
          idempotencyKey,
        },
      }),
    );
    expect(statuses(placed)).toEqual(Array(AT_ONCE).fill(200));
    const ids = new Set(placed.map((answer) => (answer.data as { id: string }).id));
    expect(ids.size).toBe(1);
    expect(await db.order.count({ where: { userId: people.customerB.id } })).toBe(1);
  });

  it("does the same through the REST API", async () => {
    const { key } = await makeKey(db, people.admin.id);
    const idempotencyKey = crypto.randomUUID();
    const body = {
      lines: [{ variantId: "tea_v0", quantity: 1 }],
      email: "integrator@example.com",
      address: US_ADDRESS,
      idempotencyKey,
    };
    const placed = await together(() => rest(db, "/orders", { method: "POST", key, body }));
    expect(statuses(placed)).toEqual(Array(AT_ONCE).fill(201));
    expect(new Set(placed.map((answer) => (answer.body as { id: string }).id)).size).toBe(1);
  });
});

describe("sessions", () => {
  it("are one per sign-in when an account signs in several times at once", async () => {
    const rateLimiter = createRateLimiter({ keyPrefix: `race-sessions-${Date.now()}` });
    // Every attempt counts against the account's limit of five until one succeeds, so five at once.
    const signIns = await Promise.all(
      Array.from({ length: 5 }, () =>
        callHttp(db, "account.signIn", {
          mutation: true,
          rateLimiter,
          input: { email: people.staff.email, password: PASSWORD },
        }),
      ),
    );
    expect(statuses(signIns)).toEqual(Array(5).fill(200));
    const tokens = new Set(signIns.map((answer) => (answer.data as { token: string }).token));
    expect(tokens.size).toBe(5);
    // Every new token works, read at once by as many requests.
    const reads = await Promise.all([...tokens].map((token) => callHttp(db, "account.me", { token })));
    expect(statuses(reads)).toEqual(Array(5).fill(200));
  });

  it("that ended are refused, not failed, when several requests find them at once", async () => {
    const { token } = people.customerA;
    // Ended a day ago (the database holds an end after the start).
    await db.session.updateMany({
      where: { userId: people.customerA.id },
      data: { createdAt: new Date(Date.now() - 2 * 86_400_000), expires: new Date(Date.now() - 86_400_000) },
    });
    const reads = await together(() => callHttp(db, "account.me", { token }));
    expect(statuses(reads)).toEqual(Array(AT_ONCE).fill(401));
  });
});

describe("rate-limit counts", () => {
  it("start at the first of many simultaneous failed sign-ins, and stop exactly at the limit", async () => {
    const rateLimiter = createRateLimiter({ keyPrefix: `race-limit-${Date.now()}` });
    const tries = await Promise.all(
      Array.from({ length: 9 }, () =>
        callHttp(db, "account.signIn", {
          mutation: true,
          rateLimiter,
          input: { email: people.customerB.email, password: "not-the-password-1" },
        }),
      ),
    );
    // Five failures per account per 15 minutes (RATE_LIMIT_POLICIES.signIn): never more let through.
    expect(statuses(tries).sort()).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429]);
  });
});

describe("the console's first writes", () => {
  it("a category made twice at once under one slug: one is made, the other is told the slug is taken", async () => {
    const made = await together(() =>
      callHttp(db, "admin.categories.create", {
        token: people.admin.token,
        mutation: true,
        input: { name: "Teapots", slug: "teapots" },
      }),
    );
    expect(statuses(made).sort()).toEqual([200, ...Array<number>(AT_ONCE - 1).fill(409)]);
    expect(await db.category.count({ where: { slug: "teapots" } })).toBe(1);
  });

  it("pictures uploaded at once each get their own key and place", async () => {
    const uploads = await together((i) => {
      const form = new FormData();
      form.set("productId", "tea");
      form.set("alt", `Tea, view ${i}`);
      form.set("file", new File([new Uint8Array(png(32, 32))], `tea-${i}.png`, { type: "image/png" }));
      return callHttp(db, "admin.products.uploadImage", {
        token: people.staff.token,
        mutation: true,
        input: form,
      });
    });
    expect(statuses(uploads)).toEqual(Array(AT_ONCE).fill(200));
    const images = await db.productImage.findMany({ where: { productId: "tea" } });
    expect(images).toHaveLength(AT_ONCE + 1);
    expect(new Set(images.map((image) => image.url)).size).toBe(AT_ONCE + 1);
    expect(new Set(images.map((image) => image.position)).size).toBe(AT_ONCE + 1);
  });

  it("a webhook endpoint's deliveries sent again at once are each a delivery of their own", async () => {
    const created = await callHttp(db, "admin.webhooks.create", {
      token: people.admin.token,
      mutation: true,
      input: { url: "http://127.0.0.1:9/hook", events: ["product.updated"] },
    });
    expect(created.status).toBe(200);
    const endpointId = (created.data as { endpoint: { id: string } }).endpoint.id;
    const update = await callHttp(db, "admin.products.update", {
      token: people.admin.token,
      mutation: true,
      input: { productId: "tea", name: "Tea, loose" },
    });
    expect(update.status).toBe(200);
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId } });
    const replays = await together(() =>
      callHttp(db, "admin.webhooks.replay", {
        token: people.admin.token,
        mutation: true,
        input: { deliveryId: delivery.id },
      }),
    );
    expect(statuses(replays)).toEqual(Array(AT_ONCE).fill(200));
    expect(await db.webhookDelivery.count({ where: { endpointId } })).toBe(AT_ONCE + 1);
  });
});
