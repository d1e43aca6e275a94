// Issue 6's walk, end to end: an admin creates a product with two variants and a picture; it is in
// the shop and in search at once; a customer buys it; staff ship the order and the customer's
// open order page turns "Shipped" by itself and the mail arrives; staff refund part of it, which
// the same page shows; the audit log holds each step with who did it.
import { anotherBrowser, confirmedShopper, RUN, SEEDED, signIn, test, uniqueEmail } from "./support/accounts";
import { createProductInAdmin, pngBytes } from "./support/admin-catalog";
import { fulfilOrderInAdmin, refundOrderInAdmin } from "./support/admin-orders";
import {
  addToCart,
  fillCheckout,
  markDocument,
  orderStatus,
  payWith,
  stillSameDocument,
} from "./support/shop";
import { expect } from "./support/test";

test.describe("the admin console @admin", () => {
  test("create a product, sell it, ship it, refund part of it: the customer follows along live", async ({
    page,
    browser,
    request,
    extraHTTPHeaders,
  }, testInfo) => {
    test.slow();
    const token = `${testInfo.project.name}${RUN}`;
    const name = `Harbour Tote ${token}`;
    const slug = `harbour-tote-${token}`;

    // The admin makes the product: two variants, a picture, published.
    await page.goto("/sign-in?next=%2Fadmin%2Fproducts%2Fnew");
    await signIn(page, SEEDED.admin);
    await expect(page).toHaveURL("/admin/products/new");
    await createProductInAdmin(page, {
      name,
      slug,
      categoryName: "Stationery",
      description: "A canvas tote for the walk to the harbour.",
      // Few in stock: no other journey picks a product with so little (see support/shop.ts).
      variants: [
        { sku: `TOTE-${token}-N`, name: "Navy", options: { colour: "Navy" }, price: "32.00", stock: 3 },
        { sku: `TOTE-${token}-S`, name: "Sand", options: { colour: "Sand" }, price: "34.00", stock: 3 },
      ],
      image: { name: "tote.png", mimeType: "image/png", buffer: pngBytes(20, 16), alt: "The tote, folded" },
      publish: true,
    });

    // A customer, in a browser of their own, finds it in the shop and in search at once.
    const customer = await anotherBrowser(browser, extraHTTPHeaders);
    const shop = customer.page;
    const shopper = await confirmedShopper(shop, request, uniqueEmail(testInfo, "tote-buyer"));
    await signIn(shop, shopper);
    await expect(shop).not.toHaveURL(/sign-in/);
    await shop.goto(`/search?q=${encodeURIComponent(name)}`);
    await expect(shop.getByRole("link", { name }).first()).toBeVisible();
    await shop.goto(`/products/${slug}`);
    await expect(shop.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(shop.getByRole("img", { name: "The tote, folded" }).first()).toBeVisible();

    // ...and buys it.
    await addToCart(shop, slug);
    await fillCheckout(shop);
    await payWith(shop, "4242 4242 4242 4242");
    await expect(orderStatus(shop)).toHaveText("Status: Paid", { timeout: 15_000 });
    const number = (await shop.getByRole("heading", { level: 1 }).textContent())?.replace("Order ", "") ?? "";
    expect(number).toMatch(/^\d+$/);
    await shopper.inbox.next(`Your Bazaar order ${number} is confirmed`);
    await markDocument(shop);

    // Staff ship it; the customer's page says so without a reload, and the mail comes.
    const staff = await anotherBrowser(browser, extraHTTPHeaders);
    await staff.page.goto("/sign-in?next=%2Fadmin%2Forders");
    await signIn(staff.page, SEEDED.staff);
    await expect(staff.page).toHaveURL("/admin/orders");
    const trackingNumber = `1Z${token.toUpperCase()}`.slice(0, 30);
    await fulfilOrderInAdmin(staff.page, number, { carrier: "UPS", trackingNumber });
    await expect(orderStatus(shop)).toHaveText("Status: Shipped", { timeout: 15_000 });
    await expect(shop.getByText(trackingNumber)).toBeVisible();
    const shipped = await shopper.inbox.next(`Your Bazaar order ${number} has shipped`);
    expect(shipped.text).toContain(trackingNumber);

    // Staff refund part of it; the customer's page shows the refund, still without a reload.
    await refundOrderInAdmin(staff.page, number, { amount: "5.00", reason: "Scuffed corner" });
    await expect(shop.getByText(/Refunded.*\$5\.00/)).toBeVisible({ timeout: 15_000 });
    await expect(orderStatus(shop)).toHaveText("Status: Shipped");
    expect(await stillSameDocument(shop)).toBe(true);

    // The audit log names who shipped and who refunded.
    await staff.page.goto("/admin/audit?targetType=order");
    const log = staff.page.getByRole("table", { name: /audit/i });
    await expect(log.getByRole("row").filter({ hasText: "order.fulfilled" }).first()).toContainText(
      SEEDED.staff.email,
    );
    await expect(log.getByRole("row").filter({ hasText: "order.refunded" }).first()).toContainText(
      SEEDED.staff.email,
    );

    await customer.context.close();
    await staff.context.close();
  });
});
