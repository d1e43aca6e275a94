// Admins register a webhook endpoint and see its signing secret once; a change to a product reaches
// a real receiver, signed with that secret; the console shows the delivery, and sends it again.
// Staff never see the page.
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

import type { Page } from "@playwright/test";

import { createProductInAdmin } from "./support/admin-catalog";
import { RUN, SEEDED, signIn, test } from "./support/accounts";
import { wcagViolations } from "./support/accessibility";
import { expect } from "./support/test";

const adminNav = (page: Page) => page.getByRole("navigation", { name: "Admin console" });

interface Received {
  headers: IncomingHttpHeaders;
  /** The body exactly as it arrived: the signature covers these bytes. */
  rawBody: string;
}

interface EventBody {
  id: string;
  type: string;
  createdAt: string;
  data: { productId?: string; slug?: string; status?: string };
}

/** A webhook receiver on loopback (any free port): it keeps every request and answers 200. */
async function startReceiver(path: string) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, rawBody: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(200, { "content-type": "text/plain" }).end("received, thank you");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    /** What arrived for one event (the run's other journeys change products too, and may reach it). */
    forEvent: (eventId: string) =>
      received.filter((request) => request.headers["bazaar-event-id"] === eventId),
    close: () =>
      new Promise<void>((resolve) => {
        // The app's fetch keeps its connection open; close it rather than wait for it.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const bodyOf = (request: Received) => JSON.parse(request.rawBody) as EventBody;

/** The slug a product.updated body names, if it is one. */
function slugIn(request: Received): string | undefined {
  try {
    return bodyOf(request).data.slug;
  } catch {
    return undefined;
  }
}

/** Check the request's `bazaar-signature` as a receiver would: HMAC-SHA256(secret, "<t>.<raw body>"), recent. */
function expectSignedWith(request: Received, secret: string) {
  const header = request.headers["bazaar-signature"];
  expect(typeof header).toBe("string");
  const parts = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(header));
  expect(parts, `bazaar-signature "${String(header)}"`).not.toBeNull();
  const [, timestamp = "", v1 = ""] = parts ?? [];
  expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(300);
  const expected = createHmac("sha256", secret).update(`${timestamp}.${request.rawBody}`).digest("hex");
  expect(v1).toBe(expected);
}

test.describe("webhooks in the admin console @admin", () => {
  test("an admin adds an endpoint, a product change reaches it signed, and the console sends it again", async ({
    page,
  }, testInfo) => {
    // A product made and changed, a worker's poll, two deliveries and two pages scanned whole.
    test.slow();
    const token = `${testInfo.project.name}${RUN}`;
    const receiver = await startReceiver(`/hooks/${token}`);
    try {
      await page.goto("/sign-in?next=%2Fadmin");
      await signIn(page, SEEDED.admin);
      await adminNav(page).getByRole("link", { name: "Webhooks" }).click();
      await expect(page).toHaveURL("/admin/webhooks");
      const form = page.getByRole("form", { name: "New webhook endpoint" });
      const endpointLink = page.getByRole("link", { name: receiver.url, exact: true });

      // No event ticked: refused under the events, nothing made, the URL kept.
      await form.getByLabel("URL").fill(receiver.url);
      await form.getByRole("button", { name: "Add endpoint" }).click();
      await expect(form.getByRole("group", { name: "Events to send" })).toContainText(
        "Events must include at least one event",
      );
      await expect(form.getByLabel("URL")).toHaveValue(receiver.url);
      await expect(endpointLink).toHaveCount(0);

      await form.getByLabel("Description").fill(`Catalog sync ${token}`);
      await form.getByLabel("A product is changed").check();
      await form.getByRole("button", { name: "Add endpoint" }).click();
      await expect(form.getByRole("status")).toContainText("Copy the secret now: it is not shown again.");
      const secret = await form.getByLabel("The signing secret").inputValue();
      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{20,}$/);

      const row = page.getByRole("row").filter({ has: endpointLink });
      await expect(row).toContainText("product.updated");
      await expect(row).not.toContainText("order.created");
      await expect(row).toContainText("Enabled");
      await expect(row).toContainText(SEEDED.admin.email);
      expect(await wcagViolations(page)).toEqual([]);

      // Shown once: after a reload the secret is nowhere on the page.
      await page.reload();
      await expect(page.getByLabel("The signing secret")).toHaveCount(0);
      expect(await page.content()).not.toContain(secret);

      // A product of this test's own (a draft in a category the shopper journeys never count), renamed.
      const product = await createProductInAdmin(page, {
        name: `Webhook Ledger ${token}`,
        slug: `webhook-ledger-${token}`,
        categoryName: "Stationery",
        variants: [
          { sku: `HOOK-${token}`.toUpperCase(), name: "A4", options: { size: "A4" }, price: "11.00" },
        ],
      });
      const details = page.getByRole("form", { name: "Product details" });
      await details.getByLabel("Name").fill(`Webhook Ledger, bound ${token}`);
      await details.getByRole("button", { name: "Save details" }).click();
      await expect(details.getByRole("status")).toHaveText("Details saved.");

      // The worker sends it within a poll or two; other journeys' product changes may arrive too.
      const ours = () => receiver.received.filter((request) => slugIn(request) === product.slug);
      await expect
        .poll(() => ours().length, { message: "product.updated at the receiver", timeout: 30_000 })
        .toBeGreaterThan(0);
      const [first] = ours();
      if (!first) throw new Error("unreachable");
      expectSignedWith(first, secret);
      const event = bodyOf(first);
      expect(event.type).toBe("product.updated");
      expect(event.data).toEqual({ productId: product.id, slug: product.slug, status: "DRAFT" });
      expect(first.headers["bazaar-event"]).toBe("product.updated");
      expect(first.headers["bazaar-event-id"]).toBe(event.id);
      expect(first.headers["content-type"]).toBe("application/json");
      const firstDelivery = String(first.headers["bazaar-delivery"]);

      // The endpoint's page lists the delivery as succeeded with the receiver's 200 (the log is
      // written just after the answer, so the page may need a moment).
      await page.goto("/admin/webhooks");
      await endpointLink.click();
      await expect(page.getByRole("heading", { level: 1, name: receiver.url })).toBeVisible();
      const deliveries = page.getByRole("table", { name: /^Deliveries/ });
      const deliveryRow = deliveries.getByRole("row").filter({ hasText: event.id });
      await expect(async () => {
        await page.reload();
        await expect(deliveryRow).toContainText("Succeeded", { timeout: 1_000 });
      }).toPass({ timeout: 15_000, intervals: [500, 1_000] });
      await expect(deliveryRow.getByRole("rowheader")).toHaveText(firstDelivery);
      await expect(deliveryRow.getByRole("cell").nth(0)).toHaveText("product.updated");
      await expect(deliveryRow.getByRole("cell").nth(3)).toHaveText("1");
      await expect(deliveryRow.getByRole("cell").nth(4)).toHaveText("200");
      expect(await wcagViolations(page)).toEqual([]);
      // The status filter: among the succeeded, not among the failed.
      const filters = page.getByRole("navigation", { name: "Show deliveries" });
      await filters.getByRole("link", { name: "Failed" }).click();
      await expect(page).toHaveURL(/\?status=failed$/);
      await expect(filters.getByRole("link", { name: "Failed" })).toHaveAttribute("aria-current", "true");
      await expect(page.getByText(event.id)).toHaveCount(0);
      await filters.getByRole("link", { name: "Succeeded" }).click();
      await expect(page).toHaveURL(/\?status=succeeded$/);
      await deliveryRow.getByRole("link", { name: firstDelivery }).click();

      // The delivery: its body as sent, and the try with the receiver's answer.
      await expect(page.getByRole("heading", { level: 1, name: `Delivery ${firstDelivery}` })).toBeVisible();
      await expect(page.locator("pre").first()).toContainText(`"slug": "${product.slug}"`);
      const tries = page.getByRole("table", { name: /^Tries/ }).getByRole("row");
      await expect(tries).toHaveCount(2);
      await expect(tries.nth(1)).toContainText("HTTP 200");
      await expect(tries.nth(1)).toContainText("received, thank you");
      expect(await wcagViolations(page)).toEqual([]);

      // Sent again: a new delivery of the same event, signed afresh.
      await page.getByRole("button", { name: "Send again" }).click();
      const replayed = page.getByRole("form", { name: "Send this delivery again" }).getByRole("status");
      await expect(replayed).toContainText("Queued again as a new delivery");
      await expect
        .poll(() => receiver.forEvent(event.id).length, {
          message: "the replay at the receiver",
          timeout: 30_000,
        })
        .toBe(2);
      const second = receiver.forEvent(event.id)[1];
      if (!second) throw new Error("unreachable");
      expectSignedWith(second, secret);
      expect(bodyOf(second)).toEqual(event);
      expect(second.headers["bazaar-delivery"]).not.toBe(firstDelivery);
      await replayed.getByRole("link", { name: "Open the new delivery" }).click();
      await expect(
        page.getByRole("heading", {
          level: 1,
          name: `Delivery ${String(second.headers["bazaar-delivery"])}`,
        }),
      ).toBeVisible();
      await expect(page.getByRole("link", { name: firstDelivery })).toBeVisible();

      // Deleted, it is gone from the list (and the run's later product changes are not sent to it).
      await page
        .getByRole("navigation", { name: "Breadcrumb" })
        .getByRole("link", { name: receiver.url })
        .click();
      await page.getByRole("button", { name: `Delete endpoint ${receiver.url}` }).click();
      await expect(page).toHaveURL("/admin/webhooks?done=deleted");
      await expect(page.getByRole("status").filter({ hasText: "Endpoint deleted" })).toBeVisible();
      await expect(endpointLink).toHaveCount(0);
    } finally {
      await receiver.close();
    }
  });

  test("staff see no link to webhooks, and get a 404 for the page", async ({ page }) => {
    await page.goto("/sign-in?next=%2Fadmin");
    await signIn(page, SEEDED.staff);
    await expect(page).toHaveURL("/admin");
    await expect(adminNav(page).getByRole("link", { name: "Customers" })).toBeVisible();
    await expect(adminNav(page).getByRole("link", { name: "Webhooks" })).toHaveCount(0);
    const response = await page.goto("/admin/webhooks");
    expect(response?.status()).toBe(404);
  });
});
