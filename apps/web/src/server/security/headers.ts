// The browser protections every response carries (proxy.ts sets them; docs/decisions/0031).
// Pure functions of the request's path and the shop's settings, so that a test can read the
// exact values without a server.

/** Where browsers send CSP violation reports (app/api/csp-report/route.ts). */
export const CSP_REPORT_PATH = "/api/csp-report";
/** The Reporting API's name for that endpoint (`Reporting-Endpoints`, CSP `report-to`). */
const CSP_REPORT_GROUP = "csp";

export interface SecuritySettings {
  /** APP_URL is https: HSTS, upgrade-insecure-requests. */
  https: boolean;
  /** `next dev`: React needs eval for its debugging aids, and the dev server a websocket. */
  development: boolean;
  /** Besides the shop, where a form's answer may lead: the sign-in providers' pages. */
  formActionOrigins: readonly string[];
}

/**
 * What an HTML page may load. Scripts need this response's nonce ('strict-dynamic' lets them load
 * the chunks they import); no inline script or handler, no eval. Styles come from the shop's own
 * stylesheets or nonce-bearing style elements; style attributes are refused outright, since no
 * page renders one (images are drawn without the inline style next/image would add: shop-image.tsx).
 */
export function pageCsp(nonce: string, settings: SecuritySettings): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${settings.development ? " 'unsafe-eval'" : ""}`,
    // Next's dev overlay writes style attributes and style elements without the nonce.
    settings.development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${settings.development ? " ws: wss:" : ""}`,
    "media-src 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    ["form-action 'self'", ...settings.formActionOrigins].join(" "),
    ...(settings.https ? ["upgrade-insecure-requests"] : []),
    `report-uri ${CSP_REPORT_PATH}`,
    `report-to ${CSP_REPORT_GROUP}`,
  ];
  return directives.join("; ");
}

/** API answers, media and files: nothing in them may run, frame, load or be framed. */
export const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** Browser features the shop never uses, switched off for it and anything it might embed. */
const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "browsing-topics=()",
  "camera=()",
  "clipboard-read=()",
  // Copying a new API key's secret (admin console).
  "clipboard-write=(self)",
  "display-capture=()",
  "encrypted-media=()",
  "fullscreen=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "idle-detection=()",
  "local-fonts=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "picture-in-picture=()",
  // Passkeys (sign-in with a second factor) are the shop's own, on its own origin.
  "publickey-credentials-create=(self)",
  "publickey-credentials-get=(self)",
  "screen-wake-lock=()",
  "serial=()",
  "storage-access=()",
  "usb=()",
  "window-management=()",
  "xr-spatial-tracking=()",
].join(", ");

/** Pages whose address carries a secret (a mailed token, a payment reference, a signed link). */
const TOKEN_PAGES = ["/reset-password", "/magic-link", "/verify-email", "/pay/", "/api/app-auth/"];
const TOKEN_PARAMETERS = ["token", "access", "code", "state"];

/**
 * Nothing of a URL with a secret in it leaves in a Referer, not even to the shop itself; other
 * pages tell the shop's own pages where a visitor came from, and other sites nothing.
 */
export function referrerPolicy(url: URL): "no-referrer" | "same-origin" {
  const secret =
    TOKEN_PAGES.some((prefix) => url.pathname === prefix || url.pathname.startsWith(prefix)) ||
    TOKEN_PARAMETERS.some((name) => url.searchParams.has(name));
  return secret ? "no-referrer" : "same-origin";
}

/**
 * The phone app's sign-in on the web opens the shop's OAuth start in a window of its own and waits
 * for that window to come back to the app (decision 0025). A `same-origin` opener policy on any
 * page of that walk would cut the window off from the app, which would then never hear back; so
 * these paths keep the browser's default, and every other response isolates itself.
 */
const APP_SIGN_IN_PATHS = ["/api/app-auth/", "/api/auth/"];

function openerPolicy(url: URL): "same-origin" | "unsafe-none" {
  return APP_SIGN_IN_PATHS.some((prefix) => url.pathname.startsWith(prefix)) ? "unsafe-none" : "same-origin";
}

/** The headers every response gets, whatever it is. */
export function commonHeaders(url: URL, settings: SecuritySettings): Record<string, string> {
  return {
    ...(settings.https ? { "strict-transport-security": "max-age=63072000; includeSubDomains" } : {}),
    "x-content-type-options": "nosniff",
    "referrer-policy": referrerPolicy(url),
    "permissions-policy": PERMISSIONS_POLICY,
    "cross-origin-opener-policy": openerPolicy(url),
    "cross-origin-resource-policy": "same-origin",
    // Legacy browsers that predate frame-ancestors.
    "x-frame-options": "DENY",
    "x-permitted-cross-domain-policies": "none",
    "origin-agent-cluster": "?1",
    "reporting-endpoints": `${CSP_REPORT_GROUP}="${CSP_REPORT_PATH}"`,
  };
}

export type ResponseKind = "page" | "resource" | "own-policy";

/**
 * Which policy a path gets: the API reference (/api/docs) sets its own; route handlers, media and
 * Next's files get the resource policy; everything else is a page.
 */
export function responseKind(pathname: string): ResponseKind {
  if (pathname === "/api/docs" || pathname.startsWith("/api/docs/")) return "own-policy";
  if (
    pathname.startsWith("/api/") ||
    pathname.startsWith("/_next/") ||
    pathname.startsWith("/media/") ||
    pathname === "/admin/orders/export" ||
    pathname === "/account/export" ||
    /^\/[^/]+\.(?:ico|png|svg|txt|xml|webmanifest)$/.test(pathname)
  )
    return "resource";
  return "page";
}
