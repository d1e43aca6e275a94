// Runs before every request (Next.js 16's proxy), static files included: the browser protections
// on every response, a fresh CSP nonce for every page, the one cross-site write check, and the
// database gate that answers 503 while PostgreSQL is away (docs/decisions/0030, 0031).
import { logger } from "@bazaar/api/logger";
import { DATABASE_RETRY_AFTER_SECONDS } from "@bazaar/db/availability";
import { SHOP_BUSY } from "@bazaar/validators/transport";
import { NextResponse, type NextRequest } from "next/server";

import { crossSiteRefusal, isOwnNoReferrerPost } from "~/server/security/cross-site";
import { busyPage } from "~/server/security/busy-page";
import {
  commonHeaders,
  pageCsp,
  RESOURCE_CSP,
  responseKind,
  type ResponseKind,
} from "~/server/security/headers";
import { proxySettings } from "~/server/security/settings";

/** 16 random bytes, base64: unguessable, and new for every response. */
function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * Requests whose answer needs the database and that cannot say so themselves: pages, and the
 * route handlers around sign-in, payments and exports. /api/trpc and /api/v1 answer a 503 per
 * call (a cached catalog read still works during an outage); health, reports, the API reference,
 * media and Next's files need no database.
 */
function needsDatabase(pathname: string, kind: ResponseKind): boolean {
  if (kind === "page") return true;
  return (
    /^\/api\/(auth|app-auth|webhooks)\//.test(pathname) ||
    pathname === "/admin/orders/export" ||
    pathname === "/account/export"
  );
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export async function proxy(request: NextRequest) {
  const settings = proxySettings();
  const url = request.nextUrl;
  const kind = responseKind(url.pathname);
  const common = commonHeaders(url, settings);

  const refused = crossSiteRefusal(
    { method: request.method, pathname: url.pathname, headers: request.headers },
    settings.shopOrigin,
  );
  if (refused) {
    logger.warn(
      { path: url.pathname, method: request.method, reason: refused, origin: request.headers.get("origin") },
      "cross-site request refused",
    );
    const body = {
      error: { code: "FORBIDDEN", message: "This request must come from the shop's own pages." },
    };
    return withHeaders(NextResponse.json(body, { status: 403 }), {
      ...common,
      "content-security-policy": RESOURCE_CSP,
    });
  }

  if (needsDatabase(url.pathname, kind) && !(await settings.database.available())) {
    const nonce = newNonce();
    const retryAfter = String(DATABASE_RETRY_AFTER_SECONDS);
    const answer =
      kind === "page"
        ? new NextResponse(busyPage(nonce, DATABASE_RETRY_AFTER_SECONDS), {
            status: 503,
            headers: { "content-type": "text/html; charset=utf-8" },
          })
        : NextResponse.json(
            {
              error: {
                code: "SERVICE_UNAVAILABLE",
                message: SHOP_BUSY,
              },
            },
            { status: 503 },
          );
    return withHeaders(answer, {
      ...common,
      "retry-after": retryAfter,
      "cache-control": "no-store",
      "content-security-policy":
        kind === "page"
          ? `default-src 'none'; style-src 'nonce-${nonce}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`
          : RESOURCE_CSP,
    });
  }

  if (kind === "page") {
    // Next reads the nonce from the request's policy and puts it on every script it renders.
    const nonce = newNonce();
    const csp = pageCsp(nonce, settings);
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("content-security-policy", csp);
    // Next refuses a server action whose Origin is not the host it was posted to, and `null` never
    // is; the browser has vouched that this one came from the page itself (cross-site.ts).
    if (isOwnNoReferrerPost({ method: request.method, pathname: url.pathname, headers: request.headers })) {
      const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
      requestHeaders.set("origin", `${url.protocol}//${host}`);
    }
    return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), {
      ...common,
      "content-security-policy": csp,
    });
  }
  return withHeaders(
    NextResponse.next(),
    kind === "resource" ? { ...common, "content-security-policy": RESOURCE_CSP } : common,
  );
}
