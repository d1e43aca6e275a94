// The admin console's dashboard, customers and audit log, as staff and admins use them.
import { readFileSync } from "node:fs";

import type { Page } from "@playwright/test";
import pg from "pg";

import { databaseUrlFile } from "../playwright.config";
import { SEEDED, signIn, signUp, test, uniqueEmail } from "./support/accounts";
import { expect } from "./support/test";

const adminNav = (page: Page) => page.getByRole("navigation", { name: "Admin console" });

test.describe("the admin console's people pages", () => {
  test("staff see the dashboard's figures and low stock, and a customer's role only to read", async ({
    page,
  }, testInfo) => {
    // A paid order in a currency no other test uses (one per project: they run at once), so the
    // 7-day revenue in it is exactly this order's total.
    const currency = testInfo.project.name === "mobile" ? "SEK" : "CHF";
    const db = new pg.Client({ connectionString: readFileSync(databaseUrlFile, "utf8") });
    await db.connect();
    try {
      await db.query(
        `INSERT INTO "Order" ("id", "email", "status", "currency", "subtotalAmount", "totalAmount",
           "idempotencyScope", "idempotencyKey", "requestHash", "createdAt", "updatedAt", "paidAt")
         VALUES ($1, 'dashboard@example.test', 'PAID', $2, 12345, 12345, 'e2e', $1, 'e2e', now(), now(), now())`,
        [`e2e_dashboard_${currency}_${Date.now()}`, currency],
      );
    } finally {
      await db.end();
    }

    await page.goto("/sign-in?next=%2Fadmin");
    await signIn(page, SEEDED.staff);
    await expect(page).toHaveURL("/admin");
    await expect(page.getByText("role Staff")).toBeVisible();
    await expect(page.getByText(/Days are UTC days/)).toBeVisible();
    const week = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: "Last 7 days" }) });
    const total = new Intl.NumberFormat("en-US", { style: "currency", currency }).format(123.45);
    await expect(week).toContainText(total);
    await expect(
      page.getByRole("img", { name: `Revenue per day in ${currency}, last 30 days` }),
    ).toBeVisible();
    await expect(page.getByRole("img", { name: "Paid orders per day, last 30 days" })).toBeVisible();

    // The seed leaves some variants low; each row links to its product's admin page.
    const lowStock = page.getByRole("table", { name: "Low-stock variants, fewest on hand first" });
    const rows = lowStock.getByRole("row");
    await expect(rows.nth(1)).toBeVisible();
    expect(await rows.count()).toBeLessThanOrEqual(11);
    await expect(rows.nth(1).getByRole("link")).toHaveAttribute("href", /^\/admin\/products\/[\w-]+$/);
    for (const cell of await lowStock.locator("tbody td:last-child").allTextContents())
      expect(cell === "Sold out" || Number(cell) <= 5, cell).toBe(true);

    // A customer's page: staff read the role, and have no form to change it.
    await adminNav(page).getByRole("link", { name: "Customers" }).click();
    await page.getByRole("searchbox", { name: "Email or name" }).fill(SEEDED.customer.email);
    await page.getByRole("main").getByRole("button", { name: "Search" }).click();
    await page.getByRole("table").getByRole("link", { name: SEEDED.customer.email }).click();
    await expect(page).toHaveURL(/\/admin\/customers\/[\w-]+$/);
    await expect(page.getByRole("heading", { name: "Orders", exact: true })).toBeVisible();
    await expect(page.getByRole("main").getByRole("term").filter({ hasText: "Role" })).toBeVisible();
    await expect(page.getByRole("main").getByText("Customer", { exact: true })).toBeVisible();
    await expect(page.getByRole("main").getByRole("combobox")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Save role/ })).toHaveCount(0);
  });

  test("an admin makes a new customer staff, the audit log shows it, and the last admin cannot step down", async ({
    page,
  }, testInfo) => {
    const email = uniqueEmail(testInfo, "promoted");
    await signUp(page, { email, password: "linen-compass-orbit-64" });

    await page.goto("/sign-in?next=%2Fadmin%2Fcustomers");
    await signIn(page, SEEDED.admin);
    await expect(page).toHaveURL("/admin/customers");
    await page.getByRole("searchbox", { name: "Email or name" }).fill(email);
    await page.getByRole("main").getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(new RegExp(`search=${encodeURIComponent(email)}`));
    await expect(page.getByRole("table").getByRole("row")).toHaveCount(2); // the header and one person
    await page.getByRole("table").getByRole("link", { name: email }).click();
    await expect(page).toHaveURL(/\/admin\/customers\/[\w-]+$/);
    const customerId = new URL(page.url()).pathname.split("/").at(-1) ?? "";

    await page.getByRole("combobox", { name: `Role for ${email}` }).selectOption("Staff");
    await page.getByRole("button", { name: `Save role for ${email}` }).click();
    await expect(page.getByRole("status")).toHaveText("Saved: Staff.");
    await page.reload();
    await expect(page.getByRole("combobox", { name: `Role for ${email}` })).toHaveValue("STAFF");

    // The change is in the audit log: who, what, from what to what.
    await adminNav(page).getByRole("link", { name: "Audit log" }).click();
    // The audit page itself first: on a phone, the filter form was once used while the page it
    // came from was still being replaced.
    await expect(page).toHaveURL("/admin/audit");
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    const filters = page.getByRole("form", { name: "Filter the audit log" });
    await filters.getByLabel("Action").selectOption("user.role_changed");
    await filters.getByLabel("Target id").fill(customerId);
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/action=user\.role_changed/);
    const entries = page.getByRole("table").getByRole("row");
    await expect(entries).toHaveCount(2);
    const entry = entries.nth(1);
    await expect(entry.getByRole("link", { name: SEEDED.admin.email })).toBeVisible();
    await expect(entry.getByRole("link", { name: `Customer ${customerId}` })).toHaveAttribute(
      "href",
      `/admin/customers/${customerId}`,
    );
    await expect(entry.getByRole("definition")).toHaveText(/CUSTOMER.*became.*STAFF/);

    // The only admin demoting themselves is refused, and the role stays as it was.
    await adminNav(page).getByRole("link", { name: "Customers" }).click();
    await page.getByRole("searchbox", { name: "Email or name" }).fill(SEEDED.admin.email);
    await page.getByRole("main").getByRole("button", { name: "Search" }).click();
    await page.getByRole("table").getByRole("link", { name: SEEDED.admin.email }).click();
    const self = page.getByRole("combobox", { name: `Role for ${SEEDED.admin.email}` });
    await self.selectOption("Customer");
    await page.getByRole("button", { name: `Save role for ${SEEDED.admin.email}` }).click();
    await expect(page.getByRole("alert").filter({ hasText: "admin" })).toHaveText(
      "The shop must keep at least one admin.",
    );
    await expect(self).toHaveValue("ADMIN");
  });

  test("a customer gets a 404 for every admin page", async ({ page }) => {
    await page.goto("/sign-in");
    await signIn(page, SEEDED.customer);
    await expect(page).toHaveURL("/account");
    for (const path of ["/admin", "/admin/customers", "/admin/audit", "/admin/api-keys"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    }
  });
});
