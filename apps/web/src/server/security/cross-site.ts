// One rule for every request that could change something on the strength of a cookie: it must
// come from a page of the shop itself. SameSite=Lax cookies are still sent by other sites on the
// same registrable domain (another port, a sibling subdomain) and by top-level form posts, so
// the browser's own word on where a request came from decides (docs/decisions/0031).

export interface RequestFacts {
  method: string;
  pathname: string;
  /** Request headers, lower-case names. */
  headers: Pick<Headers, "get">;
}

/** Methods that never change state here (GET procedures are queries; mutations must be POST). */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Paths where a cookie cannot carry authority, so another site may post:
 * - /api/v1: the REST API reads only API keys, never cookies;
 * - /api/webhooks/: the payment provider's deliveries, authenticated by their signature;
 * - /api/auth/callback/: the provider's return leg of an OAuth sign-in, which next-auth checks
 *   itself (state, PKCE, nonce) and which a provider may send as a cross-site form post;
 * - /api/csp-report: browsers report violations from wherever they happened; it only logs.
 */
const EXEMPT_PREFIXES = ["/api/v1/", "/api/webhooks/", "/api/auth/callback/"];
const EXEMPT_PATHS = new Set(["/api/csp-report"]);

/**
 * A form posted natively (before the page's scripts run, or without them) from one of the shop's
 * own pages whose Referrer-Policy is no-referrer: browsers send `Origin: null` for it, by the
 * Fetch standard, and `Sec-Fetch-Site: same-origin`, which no page can forge. A sandboxed frame's
 * opaque origin is cross-site to everything, so it never looks like this.
 */
export function isOwnNoReferrerPost(request: RequestFacts): boolean {
  return (
    !SAFE_METHODS.has(request.method.toUpperCase()) &&
    request.headers.get("origin") === "null" &&
    request.headers.get("sec-fetch-site") === "same-origin"
  );
}

export type CrossSiteRefusal =
  "cross-site" | "same-site" | "foreign-origin" | "opaque-origin" | "no-provenance";

/**
 * Why this request is refused (a 403 before anything runs), or null when it may go on. Requests
 * without a cookie (the phone app's bearer token, API keys, anonymous calls) ride nothing and
 * pass; so do safe methods and the exempt paths above.
 */
export function crossSiteRefusal(request: RequestFacts, shopOrigin: string): CrossSiteRefusal | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const { pathname } = request;
  if (EXEMPT_PATHS.has(pathname) || EXEMPT_PREFIXES.some((prefix) => pathname.startsWith(prefix)))
    return null;
  if (!request.headers.get("cookie")) return null;

  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite === "cross-site") return "cross-site";
  if (fetchSite === "same-site") return "same-site";
  const origin = request.headers.get("origin");
  if (origin === "null") return isOwnNoReferrerPost(request) ? null : "opaque-origin";
  if (origin !== null && origin !== shopOrigin) return "foreign-origin";
  // Browsers send Origin on every POST and Sec-Fetch-Site on every request; a cookie with neither
  // comes from an old browser, a proxy that strips them, or a script holding a cookie it should
  // not (a script's own calls use a bearer token or an API key). Refused: the safe side.
  if (origin === null && fetchSite === null) return "no-provenance";
  // Sec-Fetch-Site "none" (typed in the address bar) cannot be a POST; treat it as foreign.
  if (origin === null && fetchSite !== "same-origin") return "foreign-origin";
  return null;
}
