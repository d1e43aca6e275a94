// The test OpenID Provider's pages (support/oidc-provider.ts) as a user goes through them.
import { expect, type Page } from "@playwright/test";

import { OIDC_ACCOUNTS } from "./oidc-provider";

export type OidcLogin = keyof typeof OIDC_ACCOUNTS;

/** Sign in as `login` and allow access, on a page already sent to the provider. */
export async function signInAtTestProvider(page: Page, login: OidcLogin) {
  await expect(page.getByRole("heading", { name: "Sign in to Test SSO" })).toBeVisible();
  await page.getByLabel("Username").fill(login);
  await page.getByLabel("Password").fill(OIDC_ACCOUNTS[login].password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Allow access" })).toBeVisible();
  await page.getByRole("button", { name: "Allow" }).click();
}
