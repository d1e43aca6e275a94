// The phone app (apps/mobile), as its web build runs in a phone-sized browser against the shop:
// a new shopper signs up and confirms from the mail, signs in, searches, adds to the cart, checks
// out, pays on the test provider's page in the browser window the app opens, and watches the order
// turn paid live. Then the app restarts without a network and still shows what was seen last.
import { Inbox, test, uniqueEmail } from "./support/accounts";
import { expect } from "./support/test";
import { signInAtTestProvider } from "./support/oidc";
import { OIDC_ACCOUNTS } from "./support/oidc-provider";
import { ADDRESS, findProduct, payWith, plenty } from "./support/shop";

/** What the browser logs for a request made while the network is cut. */
const OFFLINE = /ERR_INTERNET_DISCONNECTED|Failed to fetch/;

/** Errors the test caused on purpose leave the console check (support/test.ts); any other fails it. */
function expectedErrors(consoleErrors: string[], expected: RegExp) {
  consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((error) => !expected.test(error)));
}

test("sign up, sign in, search, add to cart, check out, pay, see the order paid live, then offline", async ({
  page,
  request,
  consoleErrors,
}, testInfo) => {
  test.setTimeout(120_000);
  const product = await findProduct(request, plenty, 7);
  const account = {
    name: "Sam Phone",
    email: uniqueEmail(testInfo, "phone"),
    password: "plum-orchard-lantern-42",
  };

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Categories" })).toBeVisible();

  // Sign up in the app; confirm the address from the mail, in a browser, as a shopper would.
  await page.getByRole("tab", { name: /Account$/ }).click();
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByLabel("Name").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Check your mail")).toBeVisible();
  const mailLink = await new Inbox(request, account.email).link(
    "Confirm your email for Bazaar",
    "/verify-email",
  );
  const browser = await page.context().newPage();
  await browser.goto(mailLink);
  await browser.getByRole("button", { name: "Confirm my email" }).click();
  await expect(browser.getByText("Your email is confirmed")).toBeVisible();
  await browser.close();

  // Sign in: the token goes to the app's credential store, the account screen shows who.
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(account.email)).toBeVisible();
  await expect(page.getByText(/\(this device\)$/)).toBeVisible();

  // Search, open the product, add it.
  await page.goto("/search");
  await page.getByLabel("Search the shop").fill(product.name);
  await page.getByRole("link", { name: product.name }).first().click();
  // The screen's title bar and its content both name it.
  await expect(page.getByRole("heading", { name: product.name }).first()).toBeVisible();
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Added to your cart.")).toBeVisible();

  // The cart, then checkout with a US address and the first shipping option.
  await page.getByRole("link", { name: "View cart" }).click();
  await expect(page.getByRole("button", { name: `Remove ${product.name}` })).toBeVisible();
  await expect(page.getByRole("tab", { name: /Cart/ })).toContainText("1");
  await page.getByRole("button", { name: "Check out" }).click();
  await page.getByLabel("Full name").fill(ADDRESS.name);
  await page.getByLabel("Address", { exact: true }).fill(ADDRESS.line1);
  await page.getByLabel("City").fill(ADDRESS.city);
  await page.getByLabel("State / province / region").fill(ADDRESS.region);
  await page.getByLabel("Postal code").fill(ADDRESS.postalCode);
  await page.getByRole("button", { name: "See shipping options" }).click();
  await expect(page.getByRole("radio", { name: /Standard/ })).toBeChecked();

  // Placing the order opens the payment page in a browser window; the app shows the order.
  const paymentWindow = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Place order" }).click();
  const pay = await paymentWindow;
  await expect(page.getByRole("heading", { name: /^Order \d+/ })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Awaiting payment" })).toBeVisible();
  await payWith(pay, "4242 4242 4242 4242");
  // Paid, without reloading: the order screen follows the payment over server-sent events.
  await expect(page.getByRole("status").filter({ hasText: "Paid" })).toBeVisible({ timeout: 20_000 });
  const number = (await page.getByRole("heading", { name: /^Order \d+/ }).textContent()) ?? "";

  // The orders list has it; then the app restarts with no network: what was seen still shows.
  await page.goto("/orders");
  await expect(page.getByRole("link", { name: number })).toBeVisible();
  // The cache reaches the device's storage shortly after a change (writes are throttled).
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem("bazaar.query-cache") ?? ""))
    .toContain(number.replace("Order ", ""));
  await page.route("**/api/**", (route) => route.abort("internetdisconnected"));
  await page.reload();
  await expect(page.getByRole("link", { name: number })).toBeVisible();
  await expect(page.getByText("Offline: showing what you saw last.")).toBeVisible();
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByText("Offline: showing what you saw last.")).toBeVisible();
  // The network is back: Retry refreshes, and the notice goes.
  await page.unroute("**/api/**");
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByText("Offline: showing what you saw last.")).toBeHidden();
  // The requests refused while "offline" are the only errors the browser logged.
  expectedErrors(consoleErrors, OFFLINE);
});

test("a guest's cart comes along when they sign in with another account in the browser window", async ({
  page,
  request,
}) => {
  const product = await findProduct(request, plenty, 8);
  // A deep link straight to the product: the web build draws any route on its one page.
  await page.goto(`/product/${product.slug}`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Added to your cart.")).toBeVisible();

  // The app restarts on its sign-in screen: the guest's cart token was kept on the device.
  await page.goto("/sign-in");
  // The shop's sign-in (and the provider's) opens in a browser window, never inside the app.
  const browserWindow = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Continue with Test SSO" }).click();
  const provider = await browserWindow;
  await signInAtTestProvider(provider, "wren");
  // The window comes back to the app's redirect URI and closes; the app trades the code.
  await provider.waitForEvent("close");
  await expect(page.getByText(OIDC_ACCOUNTS.wren.email)).toBeVisible();

  await page.getByRole("tab", { name: /Cart/ }).click();
  await expect(page.getByRole("button", { name: `Remove ${product.name}` })).toBeVisible();
});

test("the app's own checks and the shop's refusals show beside the form, and nothing is sent twice", async ({
  page,
  consoleErrors,
}) => {
  const signIns: string[] = [];
  page.on("request", (sent) => {
    if (sent.url().includes("/account.signIn?")) signIns.push(sent.url());
  });
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("whatever-it-is");
  await page.getByRole("button", { name: "Sign in" }).click();
  // The shared schema refuses it in the app: no request is made.
  await expect(page.getByText("Email must be an email address")).toBeVisible();
  expect(signIns).toEqual([]);

  await page.getByLabel("Email").fill("nobody-here@example.test");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("That email and password do not match an account.");
  expect(signIns).toHaveLength(1);
  // The refusal's 401 is the one error the browser logged.
  expectedErrors(consoleErrors, /status of 401/);
});

test("a first start without a network says so, and Try again recovers", async ({ page, consoleErrors }) => {
  await page.route("**/api/**", (route) => route.abort("internetdisconnected"));
  await page.goto("/");
  await expect(page.getByText("You're offline").first()).toBeVisible();
  await page.unroute("**/api/**");
  // Either section's button retries everything on the screen that failed.
  await expect(page.getByRole("button", { name: "Try again" })).toHaveCount(2);
  await page.getByRole("button", { name: "Try again" }).first().click();
  await expect(page.getByRole("heading", { name: "Categories" })).toBeVisible();
  await expect(page.getByText("You're offline")).toHaveCount(0);
  expectedErrors(consoleErrors, OFFLINE);
});
