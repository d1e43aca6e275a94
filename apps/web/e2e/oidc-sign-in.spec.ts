// Signing in through a real OpenID Provider (e2e/support/oidc-provider.ts, started by
// playwright.config.ts): the shop's button, the provider's own login and consent pages, and back
// to the shop with a Bazaar session.
import type { Page } from "@playwright/test";

import { expect, test } from "./support/test";

import { signInAtTestProvider, type OidcLogin } from "./support/oidc";
import { OIDC_ACCOUNTS } from "./support/oidc-provider";
import { findProduct, plenty } from "./support/shop";

// The session and guest-cart cookies over plain http (APP_URL is http://127.0.0.1:<port> in these runs).
const SESSION_COOKIE = "bazaar.session";
const CART_COOKIE = "bazaar.cart";

/** From the shop's sign-in page to the provider, through its login (and consent) pages, and back. */
async function signInWithTestSso(
  page: Page,
  login: OidcLogin,
  options: { expectProviderPages?: boolean; from?: string } = {},
) {
  const { expectProviderPages = true, from } = options;
  await page.goto(from ? `/sign-in?next=${encodeURIComponent(from)}` : "/sign-in");
  await page.getByRole("button", { name: "Continue with Test SSO" }).click();
  if (!expectProviderPages) return;
  await signInAtTestProvider(page, login);
}

/** Who the shop's API says is signed in, as the browser's own requests see it. */
async function me(page: Page) {
  const response = await page.request.get("/api/trpc/account.me");
  const body = (await response.json()) as {
    result?: {
      data: { json: { id: string; email: string; name: string | null; emailVerified: string | null } };
    };
  };
  return { status: response.status(), user: body.result?.data.json };
}

test.describe("signing in with an OpenID Connect provider", { tag: "@oidc" }, () => {
  test("creates the account on first sign-in, sets the session cookie, and finds the same account next time", async ({
    page,
    context,
  }) => {
    await signInWithTestSso(page, "olive");
    await expect(page).toHaveURL("/");

    const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
    expect(cookie, "the session cookie").toBeDefined();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // A customer's session lasts 30 days at most (SESSION_MAX_MINUTES); the cookie says so too.
    const days = ((cookie?.expires ?? 0) * 1000 - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThanOrEqual(30);

    const first = await me(page);
    expect(first.status).toBe(200);
    expect(first.user).toMatchObject({ email: OIDC_ACCOUNTS.olive.email, name: OIDC_ACCOUNTS.olive.name });
    // The provider vouched for the address (email_verified), so it counts as confirmed.
    expect(first.user?.emailVerified).not.toBeNull();

    // The session is an ordinary Bazaar session, listed with this browser's user agent.
    const sessions = await page.request.get("/api/trpc/account.sessions");
    const userAgent = await page.evaluate(() => navigator.userAgent);
    expect(await sessions.json()).toMatchObject({
      result: { data: { json: [{ kind: "COOKIE", userAgent, current: true }] } },
    });

    // Signed out of the shop (the provider still knows the browser): straight back in, same account.
    await context.clearCookies({ name: SESSION_COOKIE });
    expect((await me(page)).status).toBe(401);
    await signInWithTestSso(page, "olive", { expectProviderPages: false });
    await expect(page).toHaveURL("/");
    const second = await me(page);
    expect(second.status).toBe(200);
    expect(second.user?.id).toBe(first.user?.id);
  });

  test("returns to the page the shopper came from with the guest's cart; an address the provider did not vouch for stays unconfirmed", async ({
    page,
    context,
    request,
  }) => {
    // As a guest, first: the cart is the browser's cookie.
    const product = await findProduct(request, plenty, 7);
    const added = await page.request.post("/api/trpc/cart.add", {
      data: { json: { variantId: product.variant.id, quantity: 2 } },
    });
    expect(added.status()).toBe(200);
    expect((await context.cookies()).some((c) => c.name === CART_COOKIE)).toBe(true);

    await signInWithTestSso(page, "rowan", { from: "/products" });
    await expect(page).toHaveURL("/products");
    const { user } = await me(page);
    expect(user).toMatchObject({ email: OIDC_ACCOUNTS.rowan.email, emailVerified: null });

    // The guest cart joined the account's, and its cookie is gone.
    const cart = (await (await page.request.get("/api/trpc/cart.get")).json()) as {
      result: { data: { json: { lines: { variantId: string; quantity: number }[] } } };
    };
    const lines = cart.result.data.json.lines.map((line) => [line.variantId, line.quantity]);
    expect(lines).toEqual([[product.variant.id, 2]]);
    expect((await context.cookies()).some((c) => c.name === CART_COOKIE)).toBe(false);
  });

  test("does not let a second provider account into an account created with the same email", async ({
    page,
    context,
  }) => {
    await signInWithTestSso(page, "ivy");
    await expect(page).toHaveURL("/");
    await context.clearCookies();

    // Another account at the provider claims the same address, cased differently.
    await signInWithTestSso(page, "ivy-twin");
    await expect(page).toHaveURL(/\/sign-in\?error=OAuthAccountNotLinked/);
    await expect(page.getByRole("alert").filter({ hasText: "already has a Bazaar account" })).toBeVisible();
    expect((await context.cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(false);
    expect((await me(page)).status).toBe(401);
  });

  test("does not sign in to a password account whose email a provider account also has", async ({
    page,
    context,
  }) => {
    // customer@bazaar.test is a seeded account with a password (packages/db/src/seed/accounts.ts).
    await signInWithTestSso(page, "customer");
    await expect(page).toHaveURL(/\/sign-in\?error=OAuthAccountNotLinked/);
    await expect(
      page
        .getByRole("alert")
        .filter({ hasText: "This email already has a Bazaar account. Sign in with your password" }),
    ).toBeVisible();
    expect((await context.cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(false);
  });

  test("links the provider to an account whose owner signed in with the password first", async ({
    page,
    context,
  }) => {
    // staff@bazaar.test is seeded with this password (packages/db/src/seed/accounts.ts).
    await page.goto("/sign-in");
    const passwordForm = page.getByRole("form", { name: "Sign in with your password" });
    await passwordForm.getByLabel("Email").fill("staff@bazaar.test");
    await passwordForm.getByLabel("Password").fill("bazaar-staff-2026");
    await passwordForm.getByRole("button", { name: "Sign in" }).click();
    await expect(page).not.toHaveURL(/\/sign-in/);
    const owner = await me(page);
    expect(owner.user?.email).toBe("staff@bazaar.test");

    // Signed in, the provider's button links the provider account instead of refusing it.
    await signInWithTestSso(page, "staff");
    await expect(page).toHaveURL("/");
    expect((await me(page)).user?.id).toBe(owner.user?.id);

    // From now on the provider alone signs in to that account, for a staff member's shorter session.
    await context.clearCookies();
    await signInWithTestSso(page, "staff");
    await expect(page).toHaveURL("/");
    expect((await me(page)).user?.id).toBe(owner.user?.id);
    const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
    const hours = ((cookie?.expires ?? 0) * 1000 - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11);
    expect(hours).toBeLessThanOrEqual(12);
  });

  test("explains a refused sign-in in general terms", async ({ page }) => {
    await page.goto("/sign-in?error=Configuration");
    await expect(page.getByRole("alert").filter({ hasText: "couldn't sign you in" })).toBeVisible();
  });
});
