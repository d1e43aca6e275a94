// Admins make a key for the REST API, see it once, and revoke it; staff never see the page.
import type { Page } from "@playwright/test";

import { RUN, SEEDED, signIn, test } from "./support/accounts";
import { wcagViolations } from "./support/accessibility";
import { expect } from "./support/test";

const adminNav = (page: Page) => page.getByRole("navigation", { name: "Admin console" });

test.describe("API keys in the admin console @admin", () => {
  test("an admin makes a key, sees it once, and revokes it", async ({ page }, testInfo) => {
    const name = `Warehouse sync ${testInfo.project.name}${RUN}`;
    await page.goto("/sign-in?next=%2Fadmin");
    await signIn(page, SEEDED.admin);
    await adminNav(page).getByRole("link", { name: "API keys" }).click();
    await expect(page).toHaveURL("/admin/api-keys");
    const form = page.getByRole("form", { name: "New API key" });

    // No scope ticked: refused beside the scopes, nothing made.
    await form.getByLabel("Name").fill(name);
    await form.getByRole("button", { name: "Make key" }).click();
    await expect(form.getByText("Scopes must include at least one scope")).toBeVisible();
    await expect(form.getByLabel("Name")).toHaveValue(name);
    await expect(page.getByRole("table").getByRole("rowheader", { name })).toHaveCount(0);

    await form.getByLabel("Read stock levels").check();
    await form.getByLabel("Adjust stock").check();
    await form.getByRole("button", { name: "Make key" }).click();
    await expect(form.getByRole("status")).toContainText("Copy the key now");
    const key = await form.getByLabel("The new key").inputValue();
    expect(key).toMatch(/^bzk_[A-Za-z0-9_-]{43}$/);

    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
    await expect(row).toContainText(`${key.slice(0, 12)}…`);
    await expect(row).toContainText("Read stock levels");
    await expect(row).toContainText("Never");
    expect(await wcagViolations(page)).toEqual([]);

    // Shown once: after a reload only its first characters are on the page.
    await page.reload();
    await expect(page.getByLabel("The new key")).toHaveCount(0);
    expect(await page.content()).not.toContain(key);

    // The key works on the REST API for its scopes only, and its use shows in the console.
    const authorization = { authorization: `Bearer ${key}` };
    const stock = await page.request.get("/api/v1/stock?limit=1", { headers: authorization });
    expect(stock.status()).toBe(200);
    expect(((await stock.json()) as { items: unknown[] }).items).toHaveLength(1);
    const catalog = await page.request.get("/api/v1/products", { headers: authorization });
    expect(catalog.status()).toBe(403);
    await page.reload();
    await expect(row).not.toContainText("Never");

    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    await expect(row).toContainText("Revoked");
    await expect(row.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
    const revoked = await page.request.get("/api/v1/stock?limit=1", { headers: authorization });
    expect(revoked.status()).toBe(401);
  });

  test("staff see no link to API keys, and get a 404 for the page", async ({ page }) => {
    await page.goto("/sign-in?next=%2Fadmin");
    await signIn(page, SEEDED.staff);
    await expect(page).toHaveURL("/admin");
    await expect(adminNav(page).getByRole("link", { name: "Customers" })).toBeVisible();
    await expect(adminNav(page).getByRole("link", { name: "API keys" })).toHaveCount(0);
    const response = await page.goto("/admin/api-keys");
    expect(response?.status()).toBe(404);
  });
});
