// The whole purchase, as the shopper walks it: browse as a guest, add to the cart, sign in
// (the cart comes along), check out, pay on the test provider's page, watch the order turn "paid"
// without reloading, and find the confirmation in the mailbox. Also a declined card, a second
// step at the "bank", and a guest opening the order from the mail's signed link elsewhere.
import { confirmedShopper, Inbox, signIn, test, uniqueEmail } from "./support/accounts";
import {
  addToCart,
  cartLink,
  expectConsoleErrors,
  fillCheckout,
  findProduct,
  markDocument,
  orderStatus,
  payWith,
  plenty,
  stillSameDocument,
} from "./support/shop";
import { expect } from "./support/test";

test.describe("buying", () => {
  test("browse, add to cart, sign in (the cart comes along), check out, pay, see it paid live, get the mail", async ({
    page,
    request,
  }, testInfo) => {
    const shopper = await confirmedShopper(page, request, uniqueEmail(testInfo, "buyer"));
    const product = await findProduct(request, plenty, 3 + (testInfo.project.name === "mobile" ? 1 : 0));

    // As a guest: the cart is the browser's.
    await page.goto("/products");
    await addToCart(page, product.slug);
    await expect(cartLink(page)).toHaveAccessibleName("Cart 1 item");

    // Signing in brings it into the account.
    await page.goto("/sign-in?next=%2Fcart");
    await signIn(page, shopper);
    await expect(page).toHaveURL("/cart");
    await expect(page.getByRole("list", { name: "Items in your cart" }).getByRole("listitem")).toHaveCount(1);
    await expect(page.getByRole("link", { name: product.name })).toBeVisible();

    await fillCheckout(page);
    await payWith(page, "4242 4242 4242 4242");

    // Back at the order before the provider's webhook (it waits TEST_PAYMENTS_DELAY_MS here)...
    await expect(page).toHaveURL(/\/orders\/\w+\?returned=1$/);
    await expect(orderStatus(page)).toHaveText("Status: Confirming your payment…");
    await markDocument(page);
    // ...and the page turns paid when the webhook lands, over the live subscription.
    await expect(orderStatus(page)).toHaveText("Status: Paid", { timeout: 15_000 });
    expect(await stillSameDocument(page)).toBe(true);

    const number = (await page.getByRole("heading", { level: 1 }).textContent())?.replace("Order ", "");
    const mail = await shopper.inbox.next(`Your Bazaar order ${number} is confirmed`);
    expect(mail.text).toContain(product.name);
    expect(mail.text).toContain(`See your order: ${page.url().replace("?returned=1", "")}`);

    // The order is in the account's history, paid.
    await page.goto("/account/orders");
    await expect(page.getByRole("list", { name: "Your orders" }).getByRole("listitem").first()).toContainText(
      "Paid",
    );
  });

  test("a declined card, then a card that asks the bank: the guest pays on the second try and opens the mailed link elsewhere", async ({
    page,
    request,
    browser,
    consoleErrors,
  }, testInfo) => {
    const email = uniqueEmail(testInfo, "guest-buyer");
    const inbox = new Inbox(request, email);
    const product = await findProduct(request, plenty, 5 + (testInfo.project.name === "mobile" ? 1 : 0));
    await addToCart(page, product.slug);
    await fillCheckout(page, email);

    await payWith(page, "4000 0000 0000 0002");
    await expect(page).toHaveURL(/\/orders\/\w+\?access=.+&returned=1$/);
    await expect(orderStatus(page)).toHaveText("Status: Payment declined", { timeout: 15_000 });
    await expect(page.getByText("Your card was declined; nothing was charged.")).toBeVisible();

    await page.getByRole("button", { name: "Try another card" }).click();
    await expect(page).toHaveURL(/\/pay\/tp_[0-9a-f]+$/);
    await payWith(page, "4000 0025 0000 3155");
    const bank = page.getByRole("form", { name: "Confirm the payment" });
    await expect(
      bank.getByRole("heading", { name: "Your bank asks you to confirm this payment" }),
    ).toBeVisible();
    await bank.getByRole("button", { name: "Approve" }).click();
    await expect(orderStatus(page)).toHaveText("Status: Paid", { timeout: 15_000 });

    // The guest's confirmation carries a signed link that opens the order in another browser.
    const number = (await page.getByRole("heading", { level: 1 }).textContent())?.replace("Order ", "");
    const mail = await inbox.next(`Your Bazaar order ${number} is confirmed`);
    const link = /See your order: (\S+)/.exec(mail.text)?.[1] ?? "";
    expect(link).toMatch(/\/orders\/\w+\?access=/);
    const elsewhere = await browser.newContext();
    const other = await elsewhere.newPage();
    await other.goto(link);
    await expect(other.getByRole("heading", { level: 2, name: /^Status:/ })).toHaveText("Status: Paid");
    // Without the signed part, a stranger learns nothing about the order.
    const response = await other.goto(link.replace(/\?access=.*$/, ""));
    expect(response?.status()).toBe(404);
    await elsewhere.close();
    expectConsoleErrors(consoleErrors, /status of 404/);
  });
});
