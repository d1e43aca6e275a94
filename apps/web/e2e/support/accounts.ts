// The people in the shop's journeys: shoppers who sign up and confirm their address from real
// mail (delivered over SMTP to mail-catcher.ts), the seeded staff, and the steps they take.
import type { APIRequestContext, Browser, Page, TestInfo } from "@playwright/test";

import { test as base, expect } from "./test";

// As in playwright.config.ts: the app under test, and the mail catcher's HTTP side.
export const APP = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;
/**
 * What a page of the shop puts on its own posts. An HTTP test that holds a cookie (a guest cart)
 * sends it too: a cookie with neither Origin nor Sec-Fetch-Site is refused (server/security/cross-site.ts).
 */
export const FROM_THE_SHOP = { origin: APP };
export const MAIL_API = `http://127.0.0.1:${process.env.E2E_MAIL_PORT ?? 3103}`;
// The session cookie over plain http (APP_URL is http://127.0.0.1:<port> in these runs).
export const SESSION_COOKIE = "bazaar.session";

export const SEEDED = {
  admin: { email: "admin@bazaar.test", password: "bazaar-admin-2026" },
  staff: { email: "staff@bazaar.test", password: "bazaar-staff-2026" },
  customer: { email: "customer@bazaar.test", password: "bazaar-customer-2026" },
} as const;

/** One address per test, project and run: the run's database and mailbox are shared by all tests. */
export const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
export function uniqueEmail(testInfo: TestInfo, who: string): string {
  return `${who}-${testInfo.project.name}-${RUN}@example.test`;
}

/**
 * A client address of its own for each test, in 198.18.0.0/15 (set aside for testing). The test
 * plays the part of the proxy in front of the shop, which appends the client's address to
 * X-Forwarded-For; the API takes the rightmost entry. Without this, every test would come from
 * 127.0.0.1 and share one rate-limit budget (sign-ups, sign-ins and mailed links are limited per IP).
 */
export function clientAddress(testInfo: TestInfo): string {
  let hash = 2166136261;
  for (const char of `${testInfo.project.name}|${testInfo.titlePath.join("|")}|${testInfo.repeatEachIndex}`) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  }
  return `198.${18 + ((hash >>> 16) & 1)}.${(hash >>> 8) & 255}.${1 + ((hash & 255) % 254)}`;
}

export interface CaughtMail {
  to: string[];
  subject: string;
  text: string;
}

/** What arrives for one address, in order: `next(subject)` waits for the next such message. */
export class Inbox {
  private read = 0;

  constructor(
    private readonly request: APIRequestContext,
    readonly address: string,
  ) {}

  async next(subject: string): Promise<CaughtMail> {
    let found: CaughtMail | undefined;
    await expect
      .poll(
        async () => {
          const response = await this.request.get(
            `${MAIL_API}/messages?to=${encodeURIComponent(this.address)}`,
          );
          const oldestFirst = ((await response.json()) as CaughtMail[]).reverse();
          const index = oldestFirst.findIndex((mail, i) => i >= this.read && mail.subject === subject);
          const mail = index === -1 ? undefined : oldestFirst[index];
          if (!mail) return undefined;
          this.read = index + 1;
          found = mail;
          return mail.subject;
        },
        { message: `mail "${subject}" to ${this.address}`, timeout: 15_000, intervals: [100, 250, 500] },
      )
      .toBe(subject);
    if (!found) throw new Error("unreachable");
    return found;
  }

  /** The link to `path` on this shop in the next message with this subject. */
  async link(subject: string, path: string): Promise<string> {
    const mail = await this.next(subject);
    const escaped = `${APP}${path}`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const url = new RegExp(`${escaped}\\?token=[\\w%-]+`).exec(mail.text)?.[0];
    expect(url, `a ${path} link in "${subject}"`).toBeDefined();
    return url ?? "";
  }
}

export const test = base.extend({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  extraHTTPHeaders: async ({}, provide, testInfo) => {
    await provide({ "x-forwarded-for": clientAddress(testInfo) });
  },
});

// ----- the steps a person takes -------------------------------------------------------------

export async function signUp(page: Page, account: { name?: string; email: string; password: string }) {
  await page.goto("/sign-up");
  const form = page.getByRole("form", { name: "Create your account" });
  if (account.name) await form.getByLabel("Name").fill(account.name);
  await form.getByLabel("Email").fill(account.email);
  await form.getByLabel("Password").fill(account.password);
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your mail" })).toBeVisible();
  await expect(page.getByText(account.email)).toBeVisible();
}

export async function confirmFromMail(page: Page, inbox: Inbox) {
  await page.goto(await inbox.link("Confirm your email for Bazaar", "/verify-email"));
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page).toHaveURL("/sign-in?verified=1");
  await expect(page.getByText("Your email is confirmed")).toBeVisible();
}

/** A new shopper who signed up and confirmed the address. */
export async function confirmedShopper(page: Page, request: APIRequestContext, email: string) {
  const account = { name: "Pat Shopper", email, password: "plum-orchard-lantern-42" };
  const inbox = new Inbox(request, email);
  await signUp(page, account);
  await confirmFromMail(page, inbox);
  return { ...account, inbox };
}

/** Fill in and send the password form of the sign-in page the browser is on. */
export async function signIn(page: Page, account: { email: string; password: string }) {
  const form = page.getByRole("form", { name: "Sign in with your password" });
  await form.getByLabel("Email").fill(account.email);
  await form.getByLabel("Password").fill(account.password);
  await form.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Another browser (a phone, a library computer) with the same client address as the test. */
export async function anotherBrowser(browser: Browser, headers: Record<string, string> | undefined) {
  const context = await browser.newContext({ baseURL: APP, extraHTTPHeaders: headers ?? {} });
  return { context, page: await context.newPage() };
}
