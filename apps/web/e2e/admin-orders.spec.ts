// Staff working orders in the admin console: find one by its number or part of the email, cancel
// an unpaid one (its stock comes back, the ledger says who), and export the table's rows as CSV.
import { readFileSync } from "node:fs";

import type { Page } from "@playwright/test";
import pg from "pg";

import { databaseUrlFile } from "../playwright.config";
import { RUN, SEEDED, signIn, test, uniqueEmail } from "./support/accounts";
import {
  cancelOrderInAdmin,
  ordersTable,
  placeGuestOrder,
  searchOrdersInAdmin,
} from "./support/admin-orders";
import { findProduct, plenty } from "./support/shop";
import { expect } from "./support/test";

/** The products these tests order: far down the listing, clear of the other journeys'. */
const SKIP = { desktop: 12, mobile: 13 } as const;

async function signInAsStaff(page: Page) {
  await page.goto("/sign-in?next=%2Fadmin%2Forders");
  await signIn(page, SEEDED.staff);
  await expect(page).toHaveURL("/admin/orders");
}

async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[]): Promise<T[]> {
  const db = new pg.Client({ connectionString: readFileSync(databaseUrlFile, "utf8") });
  await db.connect();
  try {
    return (await db.query<T>(sql, values)).rows;
  } finally {
    await db.end();
  }
}

test.describe("staff working orders @admin", () => {
  test("find an order by its number, and orders by part of the email", async ({
    page,
    request,
  }, testInfo) => {
    const { variant } = await findProduct(request, plenty, SKIP[testInfo.project.name as keyof typeof SKIP]);
    const tag = `finder-${testInfo.project.name}-${RUN}`;
    const first = await placeGuestOrder(request, { email: `${tag}-1@example.test`, variantId: variant.id });
    const second = await placeGuestOrder(request, { email: `${tag}-2@example.test`, variantId: variant.id });
    await signInAsStaff(page);

    await searchOrdersInAdmin(page, String(second.number));
    await expect(ordersTable(page).getByRole("row")).toHaveCount(2); // the header and one order
    await expect(
      ordersTable(page).getByRole("link", { name: `Order ${second.number}`, exact: true }),
    ).toBeVisible();

    // Any part of the address, in any case.
    await searchOrdersInAdmin(page, tag.toUpperCase());
    const rows = ordersTable(page).getByRole("row");
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(1)).toContainText(`Order ${second.number}`);
    await expect(rows.nth(2)).toContainText(`Order ${first.number}`);
    await expect(rows.nth(2)).toContainText("Awaiting payment");
    await expect(page.getByText("2 orders")).toBeVisible();
  });

  test("cancel an unpaid order: its stock comes back, and the ledger says who", async ({
    page,
    request,
  }, testInfo) => {
    const { variant } = await findProduct(request, plenty, SKIP[testInfo.project.name as keyof typeof SKIP]);
    const order = await placeGuestOrder(request, {
      email: uniqueEmail(testInfo, "cancelled"),
      variantId: variant.id,
      quantity: 2,
    });
    await signInAsStaff(page);
    await cancelOrderInAdmin(page, order.number, "The shopper asked us to by phone");
    await expect(page.getByRole("status").filter({ hasText: "its items are back in stock" })).toBeVisible();
    await expect(page.locator("[data-order-status]")).toHaveText("Cancelled");
    await expect(page.getByRole("list", { name: /history/ })).toContainText(
      "The shopper asked us to by phone",
    );

    const movements = await query<{ reason: string; delta: number; actor: string | null }>(
      `SELECT m."reason", m."delta", u."email" AS "actor"
       FROM "StockMovement" m LEFT JOIN "User" u ON u."id" = m."actorId"
       WHERE m."orderId" = $1 ORDER BY m."id"`,
      [order.id],
    );
    expect(movements).toEqual([
      { reason: "SOLD", delta: -2, actor: null },
      { reason: "RELEASED", delta: 2, actor: SEEDED.staff.email },
    ]);
  });

  test("export the filtered orders as CSV", async ({ page, request }, testInfo) => {
    const { variant } = await findProduct(request, plenty, SKIP[testInfo.project.name as keyof typeof SKIP]);
    const tag = `exported-${testInfo.project.name}-${RUN}`;
    const orders = [
      await placeGuestOrder(request, { email: `${tag}-a@example.test`, variantId: variant.id }),
      await placeGuestOrder(request, { email: `${tag}-b@example.test`, variantId: variant.id }),
    ];
    await signInAsStaff(page);
    await searchOrdersInAdmin(page, tag);
    await expect(ordersTable(page).getByRole("row")).toHaveCount(3);

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^bazaar-orders-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync(await download.path(), "utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      "number,placed at,status,email,name,country,currency,subtotal,shipping,tax,total,refunded,paid at,fulfilled at,carrier,tracking",
    );
    // Newest first, only the filtered orders.
    expect(lines.slice(1).map((line) => line.split(",").slice(0, 4))).toEqual(
      [...orders]
        .reverse()
        .map((order, i) => [
          String(order.number),
          expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          "PENDING_PAYMENT",
          `${tag}-${"ba"[i]}@example.test`,
        ]),
    );
  });
});
