// Accounts, as a shopper and the shop's staff use them: sign up, confirm the address from the
// mail, sign in and out, passwords, mailed sign-in links, the account pages and the admin console.
// Mail is real: the app delivers it over SMTP to e2e/support/mail-catcher.ts, and the tests read
// it from there, links and all.
import { readFile } from "node:fs/promises";

import {
  anotherBrowser,
  confirmedShopper,
  confirmFromMail,
  Inbox,
  SEEDED,
  SESSION_COOKIE,
  signIn,
  signUp,
  test,
  uniqueEmail,
} from "./support/accounts";
import { expect } from "./support/test";

// ----- journeys -----------------------------------------------------------------------------

test.describe("a shopper's account", () => {
  test("signs up, confirms the address from the mail, signs in, changes the password and signs out", async ({
    page,
    context,
    browser,
    request,
    extraHTTPHeaders,
  }, testInfo) => {
    test.slow(); // the longest journey: two browsers, a dozen pages
    const email = uniqueEmail(testInfo, "journey");
    const inbox = new Inbox(request, email);
    const password = "quiet-harbour-kettle-7";

    await signUp(page, { name: "Robin Journey", email, password });
    await confirmFromMail(page, inbox);

    // Signed in on another device before the password changes.
    const other = await anotherBrowser(browser, extraHTTPHeaders);
    await other.page.goto("/sign-in");
    await signIn(other.page, { email, password });
    await expect(other.page).toHaveURL("/account");

    await signIn(page, { email, password });
    await expect(page).toHaveURL("/account");
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();
    await expect(page.getByText("Confirmed", { exact: true })).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account" }),
    ).toBeVisible();

    // The session cookie cannot be read by scripts, and is not sent on cross-site posts.
    const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });

    // Both devices are listed; this one is marked.
    await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Security" }).click();
    await expect(page.getByRole("heading", { name: "Where you are signed in" })).toBeVisible();
    const sessions = page.getByRole("list", { name: "Where you are signed in" }).getByRole("listitem");
    await expect(sessions).toHaveCount(2);
    await expect(sessions.filter({ hasText: "This device" })).toHaveCount(1);
    await expect(sessions.first()).toContainText(/Chrome on (Windows|Linux|macOS|Android)/);

    const form = page.getByRole("form", { name: "Change your password" });
    await form.getByLabel("Current password").fill(password);
    const newPassword = "bright-meadow-violin-93";
    await form.getByLabel("New password", { exact: true }).fill(newPassword);
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "other sessions were signed out" }),
    ).toBeVisible();
    await expect(sessions).toHaveCount(1);
    expect((await inbox.next("Your Bazaar password was changed")).text).toContain("/forgot-password");

    // The other device was signed out by the change.
    await other.page.reload();
    await expect(other.page).toHaveURL("/sign-in?next=%2Faccount");

    // Signed in there again, it can be signed out from here: one device, then all the others.
    await signIn(other.page, { email, password: newPassword });
    await expect(other.page).toHaveURL("/account");
    await page.reload();
    await expect(sessions).toHaveCount(2);
    await sessions
      .filter({ hasNotText: "This device" })
      .getByRole("button", { name: /^Sign out/ })
      .click();
    await expect(sessions).toHaveCount(1);
    await other.page.reload();
    await expect(other.page).toHaveURL("/sign-in?next=%2Faccount");

    await signIn(other.page, { email, password: newPassword });
    await expect(other.page).toHaveURL("/account");
    await page.getByRole("button", { name: "Sign out everywhere else" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Signed out everywhere else (1 session)." }),
    ).toBeVisible();
    await expect(sessions).toHaveCount(1);
    await other.page.reload();
    await expect(other.page).toHaveURL("/sign-in?next=%2Faccount");
    await other.context.close();

    await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL("/");
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" }),
    ).toBeVisible();
    await page.goto("/account");
    await expect(page).toHaveURL("/sign-in?next=%2Faccount");
  });

  test("signs in before confirming the address, and is sent a new link that replaces the first", async ({
    page,
    request,
  }, testInfo) => {
    const email = uniqueEmail(testInfo, "unconfirmed");
    const inbox = new Inbox(request, email);
    const password = "saffron-bicycle-atlas-25";
    await signUp(page, { email, password });
    const firstLink = await inbox.link("Confirm your email for Bazaar", "/verify-email");

    await page.goto("/sign-in");
    await signIn(page, { email, password });
    await expect(
      page.getByRole("form", { name: "Sign in with your password" }).getByLabel("Email"),
    ).toHaveAccessibleDescription(
      "Email is not confirmed yet. We have sent you a new link: open it, then sign in.",
    );

    // Only the newest link works; the old one says what to do.
    await page.goto(firstLink);
    await page.getByRole("button", { name: "Confirm my email" }).click();
    const refusal = page.getByRole("alert").filter({ hasText: "expired or was already used" });
    await expect(refusal).toBeVisible();
    await expect(refusal.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/sign-in");

    await confirmFromMail(page, inbox);
    await signIn(page, { email, password });
    await expect(page).toHaveURL("/account");
  });

  test("forgets the password, resets it from the mail, and signs in with the new one", async ({
    page,
    request,
  }, testInfo) => {
    const shopper = await confirmedShopper(page, request, uniqueEmail(testInfo, "reset"));

    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(page).toHaveURL("/forgot-password");
    await page.getByLabel("Email").fill(shopper.email);
    await page.getByRole("button", { name: "Email me a reset link" }).click();
    await expect(page.getByRole("heading", { name: "Check your mail" })).toBeVisible();

    const resetLink = await shopper.inbox.link("Reset your Bazaar password", "/reset-password");
    await page.goto(resetLink);
    const newPassword = "copper-kite-window-58";
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page).toHaveURL("/sign-in?reset=1");
    await expect(page.getByText("Your password was changed")).toBeVisible();

    // The old password no longer works, and the page says so.
    await signIn(page, shopper);
    await expect(
      page.getByRole("alert").filter({ hasText: "That email and password do not match an account." }),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);

    await signIn(page, { email: shopper.email, password: newPassword });
    await expect(page).toHaveURL("/account");

    // The link worked once; now it is spent.
    await page.goto(resetLink);
    await page.getByLabel("New password", { exact: true }).fill("another-rare-password-17");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "expired or was already used" })).toBeVisible();
  });

  test("signs in with a link from the mail", async ({ page, request }, testInfo) => {
    const shopper = await confirmedShopper(page, request, uniqueEmail(testInfo, "link"));

    const form = page.getByRole("form", { name: "Sign in without a password" });
    await form.getByLabel("Email").fill(shopper.email);
    await form.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(form.getByRole("status")).toContainText("Check your mail");

    const link = await shopper.inbox.link("Your Bazaar sign-in link", "/magic-link");
    await page.goto(link);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL("/account");
    await expect(page.getByText(shopper.email)).toBeVisible();

    // Used once, the link is spent.
    await page.goto(link);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "expired or was already used" })).toBeVisible();
  });

  test("downloads their data, then deletes the account", async ({ page, request }, testInfo) => {
    const shopper = await confirmedShopper(page, request, uniqueEmail(testInfo, "privacy"));
    await signIn(page, shopper);
    await expect(page).toHaveURL("/account");
    await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Privacy" }).click();

    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download my data" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^bazaar-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(await readFile(await download.path(), "utf8")) as {
      profile: { email: string; name: string; hasPassword: boolean };
    };
    expect(data.profile).toMatchObject({ email: shopper.email, name: shopper.name, hasPassword: true });
    expect(JSON.stringify(data)).not.toMatch(/argon2|passwordHash|sessionToken/);

    const form = page.getByRole("form", { name: "Delete your account" });
    await form.getByLabel("Your email").fill("someone-else@example.test");
    await form.getByLabel("Password").fill(shopper.password);
    await form.getByRole("button", { name: "Delete my account" }).click();
    await expect(form.getByText("Your email must be your account's email address")).toBeVisible();

    await form.getByLabel("Your email").fill(shopper.email);
    await form.getByLabel("Password").fill(shopper.password);
    await form.getByRole("button", { name: "Delete my account" }).click();
    await expect(page).toHaveURL("/sign-in?deleted=1");
    await expect(page.getByText("Your account was deleted")).toBeVisible();
    expect((await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    await page.goto("/account");
    await expect(page).toHaveURL("/sign-in?next=%2Faccount");

    await signIn(page, shopper);
    await expect(
      page.getByRole("alert").filter({ hasText: "That email and password do not match an account." }),
    ).toBeVisible();
  });

  test("is told what is wrong with each field, and nothing breaks", async ({ page }) => {
    await page.goto("/sign-up");
    const signUpForm = page.getByRole("form", { name: "Create your account" });
    await signUpForm.getByLabel("Email").fill("not-an-email");
    await signUpForm.getByLabel("Password").fill("password123");
    await signUpForm.getByRole("button", { name: "Create account" }).click();
    const email = signUpForm.getByLabel("Email");
    const password = signUpForm.getByLabel("Password");
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(email).toHaveAccessibleDescription("Email must be an email address");
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(password).toHaveAccessibleDescription(/Password is one of the most common passwords/);
    // What was typed is still there (but never the password).
    await expect(email).toHaveValue("not-an-email");
    await expect(signUpForm.getByLabel("Name")).not.toHaveAttribute("aria-invalid");

    await page.goto("/sign-in");
    const signInForm = page.getByRole("form", { name: "Sign in with your password" });
    await signInForm.getByLabel("Email").fill(SEEDED.customer.email);
    await signInForm.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(signInForm.getByLabel("Password")).toHaveAccessibleDescription("Password is required");
    await expect(signInForm.getByLabel("Email")).toHaveValue(SEEDED.customer.email);

    await page.goto("/reset-password?token=not-a-real-token");
    await page.getByLabel("New password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByLabel("New password", { exact: true })).toHaveAccessibleDescription(
      /New password must be at least 8 characters/,
    );
    // A well-formed password with a made-up token: the link is refused, not the password.
    await page.getByLabel("New password", { exact: true }).fill("long-enough-and-rare-31");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "expired or was already used" })).toBeVisible();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the sign-in form still shows errors and still signs in", async ({ page }) => {
    await page.goto("/sign-in?next=%2Faccount%2Fsecurity");
    const form = page.getByRole("form", { name: "Sign in with your password" });
    await form.getByLabel("Email").fill(SEEDED.customer.email);
    await form.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(form.getByLabel("Password")).toHaveAccessibleDescription("Password is required");

    await form.getByLabel("Password").fill(SEEDED.customer.password);
    await form.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL("/account/security");
    await expect(page.getByRole("heading", { name: "Security" })).toBeVisible();
  });
});

test.describe("who may see what", () => {
  test("a signed-out visitor is sent to sign in, and back afterwards", async ({ page }) => {
    await page.goto("/account");
    await expect(page).toHaveURL("/sign-in?next=%2Faccount");
    await signIn(page, SEEDED.customer);
    await expect(page).toHaveURL("/account");
  });

  test("a sign-in link to another site is not followed", async ({ page }) => {
    await page.goto("/sign-in?next=%2F%2Fevil.example%2Fphish");
    await signIn(page, SEEDED.customer);
    await expect(page).toHaveURL("/account");
  });

  test("a customer gets a 404 for the admin console, and no link to it", async ({ page }) => {
    await page.goto("/sign-in");
    await signIn(page, SEEDED.customer);
    await expect(page).toHaveURL("/account");
    await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });

  test("staff see the console", async ({ page }) => {
    await page.goto("/sign-in?next=%2Fadmin");
    await signIn(page, SEEDED.staff);
    await expect(page).toHaveURL("/admin");
    await expect(page.getByRole("heading", { name: "Admin console" })).toBeVisible();
    await expect(page.getByText("role Staff")).toBeVisible();
    // Roles are changed on a customer's page, by admins only (e2e/admin-people.spec.ts).
  });
});

test.describe("the HTTP surface of accounts", () => {
  test("the development mailbox does not exist on a production server", async ({ request }) => {
    const response = await request.get("/dev/mailbox");
    expect(response.status()).toBe(404);
  });

  test("the data export is POST only, and only for the signed-in", async ({ request }) => {
    expect((await request.get("/account/export")).status()).toBe(405);
    const signedOut = await request.post("/account/export", { maxRedirects: 0 });
    expect(signedOut.status()).toBe(303);
    expect(signedOut.headers().location).toBe("/sign-in?next=%2Faccount%2Fprivacy");
    const crossSiteHeaders: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of crossSiteHeaders) {
      const crossSite = await request.post("/account/export", { maxRedirects: 0, headers });
      expect(crossSite.status(), JSON.stringify(headers)).toBe(403);
    }
  });
});
