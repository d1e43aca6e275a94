import { describe, expect, it } from "vitest";

import {
  commonHeaders,
  pageCsp,
  referrerPolicy,
  RESOURCE_CSP,
  responseKind,
  type SecuritySettings,
} from "./headers";

const production: SecuritySettings = {
  https: true,
  development: false,
  formActionOrigins: ["https://github.com"],
};
const directives = (csp: string) =>
  new Map(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("the pages' Content-Security-Policy", () => {
  it("lets scripts run only with this response's nonce, and nothing inline or evaluated", () => {
    const csp = directives(pageCsp("n0nce", production));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-n0nce'", "'strict-dynamic'"]);
    expect(csp.get("style-src")).toEqual(["'self'", "'nonce-n0nce'"]);
    expect(pageCsp("n0nce", production)).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|\*/);
  });

  it("closes objects, base, framing and foreign form targets, and reports violations", () => {
    const csp = directives(pageCsp("n", production));
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'", "https://github.com"]);
    expect(csp.get("upgrade-insecure-requests")).toEqual([]);
    expect(csp.get("report-uri")).toEqual(["/api/csp-report"]);
    expect(csp.get("report-to")).toEqual(["csp"]);
  });

  it("is looser only in development, where React and the dev server need it", () => {
    const dev = pageCsp("n", { https: false, development: true, formActionOrigins: [] });
    expect(directives(dev).get("script-src")).toContain("'unsafe-eval'");
    expect(directives(dev).has("upgrade-insecure-requests")).toBe(false);
  });
});

describe("headers on every response", () => {
  const url = (path: string) => new URL(path, "https://shop.example");

  it("include HSTS for two years only when the shop is served over https", () => {
    expect(commonHeaders(url("/"), production)["strict-transport-security"]).toBe(
      "max-age=63072000; includeSubDomains",
    );
    expect(
      commonHeaders(url("/"), { ...production, https: false })["strict-transport-security"],
    ).toBeUndefined();
  });

  it("switch off sniffing, framing, foreign openers and embedders, and unused browser features", () => {
    const headers = commonHeaders(url("/products"), production);
    expect(headers).toMatchObject({
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "cross-origin-opener-policy": "same-origin",
      "cross-origin-resource-policy": "same-origin",
    });
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["permissions-policy"]).toContain("publickey-credentials-get=(self)");
  });

  it.each([
    ["/", "same-origin"],
    ["/sign-in", "same-origin"],
    ["/api/trpc/cart.get", "same-origin"],
    ["/api/app-auth/start", "unsafe-none"],
    ["/api/auth/signin/oidc", "unsafe-none"],
    ["/api/auth/callback/oidc", "unsafe-none"],
  ])("Cross-Origin-Opener-Policy for %s is %s", (path, policy) => {
    expect(commonHeaders(url(path), production)["cross-origin-opener-policy"]).toBe(policy);
  });

  it.each([
    ["/reset-password?token=abc", "no-referrer"],
    ["/magic-link?token=abc", "no-referrer"],
    ["/verify-email?token=abc", "no-referrer"],
    ["/pay/pay_123", "no-referrer"],
    ["/orders/o1?access=signed", "no-referrer"],
    ["/api/app-auth/finish", "no-referrer"],
    ["/products/linen-shirt", "same-origin"],
    ["/search?q=shirt", "same-origin"],
  ])("Referrer-Policy for %s is %s", (path, policy) => {
    expect(referrerPolicy(url(path))).toBe(policy);
  });
});

describe("which policy a response gets", () => {
  it.each([
    ["/", "page"],
    ["/products/linen-shirt", "page"],
    ["/admin/orders", "page"],
    ["/api/trpc/catalog.products", "resource"],
    ["/api/v1/products", "resource"],
    ["/_next/static/chunks/a.js", "resource"],
    ["/media/products/a.webp", "resource"],
    ["/admin/orders/export", "resource"],
    ["/favicon.ico", "resource"],
    ["/api/docs", "own-policy"],
    ["/api/docs/swagger-ui.css", "own-policy"],
  ])("%s is a %s", (path, kind) => {
    expect(responseKind(path)).toBe(kind);
  });

  it("API and media answers may run, load and frame nothing", () => {
    expect(RESOURCE_CSP).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
  });
});
