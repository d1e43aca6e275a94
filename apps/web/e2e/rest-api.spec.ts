// The REST API as an integrator meets it: the OpenAPI document, the interactive reference served
// by the app itself, and CORS only for the configured origin (the tRPC endpoint stays same-origin).
import { E2E_PARTNER_ORIGIN } from "../playwright.config";
import { expect, test } from "./support/test";

test.describe("REST API reference and CORS @api", () => {
  test("the reference page lists every operation from the app's own files", async ({ page, baseURL }) => {
    const foreign: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).origin !== baseURL) foreign.push(request.url());
    });
    await page.goto("/api/docs");
    await expect(page).toHaveTitle("Bazaar REST API reference");
    await expect(page.getByRole("heading", { name: /Bazaar REST API/ })).toBeVisible();
    for (const path of [
      "/products",
      "/products/{slug}",
      "/stock/{variantId}/adjustments",
      "/orders/{orderId}/fulfilment",
    ])
      await expect(page.getByText(path, { exact: true }).first()).toBeVisible();

    // Open one operation: its parameters and its documented answers are there.
    await page.getByText("/orders/{id}", { exact: true }).first().click();
    await expect(page.getByRole("heading", { name: "Parameters" })).toBeVisible();
    await expect(page.getByRole("row", { name: /^404 Nothing with that id or slug\./ })).toBeVisible();
    await expect(page.getByRole("row", { name: /^429 Over the key's rate limit/ })).toBeVisible();
    expect(foreign).toEqual([]);
  });

  test("the document is OpenAPI 3.1 with the shop's origin as its server", async ({ request, baseURL }) => {
    const response = await request.get("/api/v1/openapi.json");
    expect(response.status()).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      servers: { url: string }[];
      paths: object;
    };
    expect(document.openapi).toBe("3.1.0");
    expect(document.servers).toEqual([{ url: `${baseURL}/api/v1` }]);
    expect(Object.keys(document.paths)).toContain("/orders/{id}");
  });

  test("only the configured origin may call /api/v1 from a browser; tRPC grants no origin", async ({
    request,
  }) => {
    const preflight = (origin: string, path: string) =>
      request.fetch(path, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "GET",
          "access-control-request-headers": "authorization",
        },
      });
    const partner = await preflight(E2E_PARTNER_ORIGIN, "/api/v1/products");
    expect(partner.status()).toBe(204);
    expect(partner.headers()["access-control-allow-origin"]).toBe(E2E_PARTNER_ORIGIN);
    expect(partner.headers()["access-control-allow-headers"]).toContain("Authorization");

    const stranger = await preflight("http://stranger.invalid", "/api/v1/products");
    expect(stranger.headers()["access-control-allow-origin"]).toBeUndefined();
    const trpc = await preflight(E2E_PARTNER_ORIGIN, "/api/trpc/catalog.categories");
    expect(trpc.headers()["access-control-allow-origin"]).toBeUndefined();
    const trpcGet = await request.get("/api/trpc/catalog.categories", {
      headers: { origin: E2E_PARTNER_ORIGIN },
    });
    expect(trpcGet.headers()["access-control-allow-origin"]).toBeUndefined();

    const unauthenticated = await request.get("/api/v1/products", {
      headers: { origin: E2E_PARTNER_ORIGIN },
    });
    expect(unauthenticated.status()).toBe(401);
    expect(unauthenticated.headers()["access-control-allow-origin"]).toBe(E2E_PARTNER_ORIGIN);
    expect(await unauthenticated.json()).toMatchObject({ error: { code: "UNAUTHORIZED" } });
  });
});
