// The browser protections as a browser meets them, on the production build: a fresh nonce on
// every page and on every script in it, the headers on pages, files, media and API answers, and
// a violation that reaches the shop's report endpoint. The journeys in the other specs fail on
// any violation (support/test.ts); this one provokes one on purpose.
import type { APIResponse, CDPSession } from "@playwright/test";

import { expectConsoleErrors } from "./support/shop";
import { expect, test } from "./support/test";

const nonceOf = (csp: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];

function expectCommonHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["cross-origin-opener-policy"], what).toBe("same-origin");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["referrer-policy"], what).toMatch(/^(same-origin|no-referrer)$/);
  const permissions = headers["permissions-policy"] ?? "";
  for (const feature of ["camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"])
    expect(permissions, `${what}: Permissions-Policy`).toContain(feature);
  // These runs serve the shop over plain http (APP_URL): HSTS only goes out when it is https.
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

test.describe("the HTTP surface: browser protections", () => {
  test("every page load gets a new nonce, and every script in the page carries it", async ({ request }) => {
    const nonces: string[] = [];
    for (const path of ["/", "/", "/products", "/sign-in"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      const csp = response.headers()["content-security-policy"] ?? "";
      const nonce = nonceOf(csp);
      expect(nonce, `${path}: a nonce in the CSP`).toBeDefined();
      nonces.push(nonce ?? "");
      for (const directive of [
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "'strict-dynamic'",
        "report-to csp",
      ])
        expect(csp, path).toContain(directive);
      expect(csp, path).toMatch(/form-action 'self'/);
      expect(csp, path).not.toContain("'unsafe-inline'");
      expect(csp, path).not.toContain("'unsafe-eval'");
      expectCommonHeaders(response, path);

      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
      expect(scripts.length, `${path}: scripts in the page`).toBeGreaterThan(0);
      for (const script of scripts) expect(script, `${path}: a script tag`).toContain(`nonce="${nonce}"`);
      // No element of the page sets a style attribute (the CSP refuses them: shop-image.tsx).
      expect(html, `${path}: style attributes`).not.toMatch(/<[a-z][^>]*\sstyle="/i);
    }
    expect(new Set(nonces).size, "distinct nonces").toBe(nonces.length);
  });

  test("pages still hydrate under the policy: search suggestions open", async ({ page }) => {
    await page.goto("/products");
    const search = page.getByRole("combobox", { name: "Search products" });
    await search.fill("linen");
    await expect(
      page.getByRole("listbox", { name: "Suggestions" }).getByRole("option").first(),
    ).toBeVisible();
  });

  test("files, pictures and API answers get the resource policy", async ({ request }) => {
    const html = await (await request.get("/")).text();
    const chunk = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(chunk, "a script chunk in the home page").toBeDefined();
    const targets = [
      chunk ?? "",
      "/favicon.ico",
      "/media/placeholders/linen-shirt-1.png",
      "/api/health",
      "/api/trpc/catalog.categories",
      "/api/v1/openapi.json",
    ];
    for (const path of targets) {
      const response = await request.get(path);
      expect(response.status(), path).toBeLessThan(400);
      expect(response.headers()["content-security-policy"], path).toBe(
        "default-src 'none'; frame-ancestors 'none'; sandbox",
      );
      expect(response.headers()["cross-origin-resource-policy"], path).toBe("same-origin");
      expectCommonHeaders(response, path);
    }
  });

  test("pages whose address holds a secret send no referrer at all", async ({ request }) => {
    for (const path of ["/reset-password?token=abc", "/verify-email?token=abc", "/pay/tp_0000"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.headers()["referrer-policy"], path).toBe("no-referrer");
    }
    expect((await request.get("/products")).headers()["referrer-policy"]).toBe("same-origin");
  });

  test("the API reference works under its own policy", async ({ page }) => {
    const response = await page.goto("/api/docs");
    const csp = response?.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("sandbox");
    // Swagger UI drew the document with its own scripts (the fixture fails on any violation).
    await expect(page.getByRole("heading", { name: /^Bazaar REST API/ })).toBeVisible();
  });

  test("a violation is reported to the shop's endpoint, which accepts the browser's report", async ({
    page,
    cspViolations,
    consoleErrors,
  }) => {
    // Chromium reports through the Reporting API (CSP report-to, Reporting-Endpoints); DevTools
    // shows each report it queues, with its destination and the body it will upload.
    const cdp: CDPSession = await page.context().newCDPSession(page);
    const queued = new Promise<{ destination: string; body: Record<string, unknown>; url: string }>(
      (resolve) => {
        cdp.on("Network.reportingApiReportAdded", ({ report }) => {
          if (report.type === "csp-violation")
            resolve({ destination: report.destination, body: report.body, url: report.initiatorUrl });
        });
      },
    );
    await cdp.send("Network.enable");
    await cdp.send("Network.enableReportingApi", { enable: true });

    await page.goto("/products");
    await expect(page.getByRole("combobox", { name: "Search products" })).toBeVisible();
    // The classic injected markup, an inline event handler: refused, and reported.
    await page.evaluate(() => {
      const holder = document.createElement("div");
      holder.innerHTML = `<img src="/no-such-picture.png" onerror="document.title = 'injected'">`;
      document.body.append(holder);
    });
    await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
    expect(cspViolations.join("\n")).toContain("script-src-attr blocked inline");
    await expect(page).not.toHaveTitle("injected");
    cspViolations.splice(0);
    expectConsoleErrors(
      consoleErrors,
      /Refused to execute inline event handler|violates the following Content Security Policy/,
    );

    // Queued for the "csp" group: the page's Reporting-Endpoints header named /api/csp-report.
    const report = await queued;
    expect(report.destination).toBe("csp");
    expect(report.body.effectiveDirective).toBe("script-src-attr");

    // Headless Chromium queues the upload but does not send it on its own schedule within a test;
    // the report it made is posted as it would be, and in the older report-uri format too.
    const batch = [
      { type: "csp-violation", age: 0, url: report.url, user_agent: "Chromium", body: report.body },
    ];
    const modern = await page.request.post("/api/csp-report", {
      headers: { "content-type": "application/reports+json" },
      data: JSON.stringify(batch),
    });
    expect(modern.status()).toBe(204);
    const legacy = await page.request.post("/api/csp-report", {
      headers: { "content-type": "application/csp-report" },
      data: JSON.stringify({
        "csp-report": {
          "document-uri": report.url,
          "effective-directive": "script-src-attr",
          "blocked-uri": "inline",
          "line-number": 3,
        },
      }),
    });
    expect(legacy.status()).toBe(204);
    // Anything else is refused, without a 500.
    const wrongType = await page.request.post("/api/csp-report", {
      headers: { "content-type": "text/plain" },
      data: "hello",
    });
    expect(wrongType.status()).toBe(415);
    const tooBig = await page.request.post("/api/csp-report", {
      headers: { "content-type": "application/reports+json" },
      data: JSON.stringify([{ type: "csp-violation", body: { sample: "x".repeat(40_000) } }]),
    });
    expect(tooBig.status()).toBe(413);
  });
});
