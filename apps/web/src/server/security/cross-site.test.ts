import { describe, expect, it } from "vitest";

import { crossSiteRefusal, type CrossSiteRefusal } from "./cross-site";

const SHOP = "https://shop.example";

function decide(method: string, pathname: string, headers: Record<string, string>): CrossSiteRefusal | null {
  return crossSiteRefusal({ method, pathname, headers: new Headers(headers) }, SHOP);
}

const cookie = { cookie: "__Host-bazaar.session=abc" };

describe("the cross-site write check", () => {
  // [what, method, path, headers, decision]
  it.each<[string, string, string, Record<string, string>, CrossSiteRefusal | null]>([
    [
      "a mutation from the shop's own page",
      "POST",
      "/api/trpc/account.updateProfile",
      { ...cookie, origin: SHOP, "sec-fetch-site": "same-origin" },
      null,
    ],
    [
      "a server action from the shop's own page",
      "POST",
      "/account",
      { ...cookie, origin: SHOP, "sec-fetch-site": "same-origin", "next-action": "x" },
      null,
    ],
    [
      "an older browser that sends Origin only",
      "POST",
      "/api/trpc/cart.add",
      { ...cookie, origin: SHOP },
      null,
    ],
    [
      "a browser that sends Sec-Fetch-Site only",
      "POST",
      "/api/trpc/cart.add",
      { ...cookie, "sec-fetch-site": "same-origin" },
      null,
    ],
    [
      "another site",
      "POST",
      "/api/trpc/account.updateProfile",
      { ...cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      "cross-site",
    ],
    [
      "another port or subdomain of the same site",
      "POST",
      "/api/trpc/account.updateProfile",
      { ...cookie, origin: "https://evil.shop.example", "sec-fetch-site": "same-site" },
      "same-site",
    ],
    [
      "a foreign Origin the browser calls same-origin (a proxy rewrote it)",
      "POST",
      "/api/trpc/cart.add",
      { ...cookie, origin: "http://shop.example", "sec-fetch-site": "same-origin" },
      "foreign-origin",
    ],
    [
      "a foreign Origin alone",
      "POST",
      "/account",
      { ...cookie, origin: "https://evil.example" },
      "foreign-origin",
    ],
    [
      "Origin null from the shop's own no-referrer page (a payment or reset form posted natively)",
      "POST",
      "/pay/tp_1",
      { ...cookie, origin: "null", "sec-fetch-site": "same-origin" },
      null,
    ],
    [
      "Origin null from a sandboxed frame, which is cross-site",
      "POST",
      "/pay/tp_1",
      { ...cookie, origin: "null", "sec-fetch-site": "cross-site" },
      "cross-site",
    ],
    [
      "an opaque origin (sandboxed frame, data: URL)",
      "POST",
      "/api/trpc/cart.add",
      { ...cookie, origin: "null" },
      "opaque-origin",
    ],
    ["a cookie with neither header", "POST", "/api/trpc/cart.add", cookie, "no-provenance"],
    [
      "Sec-Fetch-Site none without an Origin",
      "POST",
      "/api/trpc/cart.add",
      { ...cookie, "sec-fetch-site": "none" },
      "foreign-origin",
    ],
    [
      "a multipart form post from another site",
      "POST",
      "/api/trpc/admin.products.uploadImage",
      {
        ...cookie,
        "content-type": "multipart/form-data; boundary=x",
        origin: "https://evil.example",
        "sec-fetch-site": "cross-site",
      },
      "cross-site",
    ],
    [
      "PUT and DELETE are writes too",
      "DELETE",
      "/api/trpc/cart.add",
      { ...cookie, "sec-fetch-site": "cross-site" },
      "cross-site",
    ],
    ["a lower-case method", "post", "/account", { ...cookie, "sec-fetch-site": "cross-site" }, "cross-site"],
    [
      "no cookie: the phone app's bearer token",
      "POST",
      "/api/trpc/cart.add",
      { authorization: "Bearer t", origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      null,
    ],
    ["no cookie: an anonymous call from anywhere", "POST", "/api/trpc/catalog.products", {}, null],
    [
      "a GET: queries change nothing",
      "GET",
      "/api/trpc/account.me",
      { ...cookie, "sec-fetch-site": "cross-site" },
      null,
    ],
    ["HEAD and OPTIONS", "OPTIONS", "/api/v1/products", { ...cookie, "sec-fetch-site": "cross-site" }, null],
    [
      "the REST API, which reads API keys only",
      "POST",
      "/api/v1/orders",
      { ...cookie, origin: "https://partner.example", "sec-fetch-site": "cross-site" },
      null,
    ],
    ["signed payment webhooks", "POST", "/api/webhooks/payments", { ...cookie }, null],
    [
      "the OAuth provider's return leg",
      "POST",
      "/api/auth/callback/oidc",
      { ...cookie, origin: "https://sso.example", "sec-fetch-site": "cross-site" },
      null,
    ],
    [
      "but not next-auth's sign-in start",
      "POST",
      "/api/auth/signin/oidc",
      { ...cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      "cross-site",
    ],
    ["violation reports", "POST", "/api/csp-report", { ...cookie, "sec-fetch-site": "cross-site" }, null],
    [
      "a path that only looks exempt",
      "POST",
      "/api/v10/orders",
      { ...cookie, "sec-fetch-site": "cross-site" },
      "cross-site",
    ],
  ])("%s", (_, method, pathname, headers, decision) => {
    expect(decide(method, pathname, headers)).toBe(decision);
  });
});
