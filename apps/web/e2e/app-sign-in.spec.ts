// The phone app's OAuth sign-in through the system browser (decision 0025), played by the test:
// it makes a PKCE verifier and challenge as the app does, opens /api/app-auth/start in the
// browser, signs in at the test OpenID Provider (e2e/support/oidc-provider.ts), catches the
// browser coming back to the redirect URI with a one-time code, and trades the code for a bearer
// token over HTTP, as the app would.
import { createHash, randomBytes } from "node:crypto";

import { expect, test } from "./support/test";

import { signInAtTestProvider } from "./support/oidc";
import { OIDC_ACCOUNTS } from "./support/oidc-provider";

/** A page of the shop's own origin that does not exist: the browser's last stop, a 404 that does not matter. */
const LANDING_PATH = "/app-sign-in-landing";
const PENDING_COOKIE = "bazaar.app-sign-in";

function pkcePair() {
  const codeVerifier = randomBytes(32).toString("base64url");
  const codeChallenge = createHash("sha256").update(codeVerifier).digest("base64url");
  return { codeVerifier, codeChallenge };
}

function startPath(query: Record<string, string>) {
  return `/api/app-auth/start?${new URLSearchParams(query).toString()}`;
}

/** What the app sends when it opens the browser. */
function appRequest(redirectUri: string) {
  const { codeVerifier, codeChallenge } = pkcePair();
  const state = randomBytes(12).toString("base64url");
  const query = {
    provider: "oidc",
    redirect_uri: redirectUri,
    code_challenge: codeChallenge,
    code_challenge_method: "S256",
    state,
  };
  return { codeVerifier, state, query };
}

/** A tRPC call as the app makes it: plain HTTP, superjson's envelope, no browser cookies. */
async function trpc(
  baseURL: string,
  procedure: string,
  options: { input?: unknown; token?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const mutation = options.input !== undefined;
  if (mutation) headers["content-type"] = "application/json";
  const response = await fetch(`${baseURL}/api/trpc/${procedure}`, {
    method: mutation ? "POST" : "GET",
    headers,
    body: mutation ? JSON.stringify({ json: options.input }) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

test.describe("signing in to the phone app through the system browser", { tag: "@oidc" }, () => {
  test("comes back to the app with a one-time code that buys a bearer token, once", async ({
    page,
    context,
    baseURL,
  }) => {
    const origin = baseURL ?? "";
    const redirectUri = `${origin}${LANDING_PATH}`;
    const app = appRequest(redirectUri);

    await page.goto(startPath(app.query));
    await signInAtTestProvider(page, "fern");
    await page.waitForURL((url) => url.pathname === LANDING_PATH);

    const back = new URL(page.url());
    expect(back.searchParams.get("state")).toBe(app.state);
    expect(back.searchParams.get("error")).toBeNull();
    const code = back.searchParams.get("code") ?? "";
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The browser forgot the app's request once it was answered.
    expect((await context.cookies()).some((c) => c.name === PENDING_COOKIE)).toBe(false);

    const exchange = { code, codeVerifier: app.codeVerifier, redirectUri };
    const signedIn = await trpc(origin, "account.signInWithAppCode", { input: exchange });
    expect(signedIn.status).toBe(200);
    const result = signedIn.body as {
      result: { data: { json: { token: string; user: { email: string } } } };
    };
    const { token, user } = result.result.data.json;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(user.email).toBe(OIDC_ACCOUNTS.fern.email);

    const me = await trpc(origin, "account.me", { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ result: { data: { json: { email: OIDC_ACCOUNTS.fern.email } } } });
    const sessions = await trpc(origin, "account.sessions", { token });
    expect(sessions.body).toMatchObject({
      result: {
        data: { json: expect.arrayContaining([expect.objectContaining({ kind: "BEARER", current: true })]) },
      },
    });

    // The code was good for one exchange only.
    const again = await trpc(origin, "account.signInWithAppCode", { input: exchange });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({
      error: { json: { data: { fieldErrors: { code: ["is invalid or has expired"] } } } },
    });
  });

  test("tells the app access_denied when the shop refuses the provider's account", async ({
    page,
    context,
    baseURL,
  }) => {
    // customer@bazaar.test already has a password account, which a provider account is not joined
    // to by its address alone (decision 0008): next-auth refuses, and the app hears so.
    const redirectUri = `${baseURL ?? ""}${LANDING_PATH}`;
    const app = appRequest(redirectUri);
    await page.goto(startPath(app.query));
    await signInAtTestProvider(page, "customer");
    await page.waitForURL((url) => url.pathname === LANDING_PATH);

    const back = new URL(page.url());
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("state")).toBe(app.state);
    expect(back.searchParams.get("code")).toBeNull();
    expect((await context.cookies()).some((c) => c.name === PENDING_COOKIE)).toBe(false);
  });

  test("refuses a bad start with a 400 naming the parameter, and never redirects", async ({
    request,
    baseURL,
  }) => {
    const good = appRequest(`${baseURL ?? ""}${LANDING_PATH}`).query;
    const cases: [string, Record<string, string>, string][] = [
      [
        "a redirect URI that is not the app's",
        { ...good, redirect_uri: "https://evil.example/steal" },
        "redirect_uri",
      ],
      [
        "a listed redirect URI with a path added",
        { ...good, redirect_uri: `${good.redirect_uri}/more` },
        "redirect_uri",
      ],
      [
        "no challenge",
        Object.fromEntries(Object.entries(good).filter(([k]) => k !== "code_challenge")),
        "code_challenge",
      ],
      ["the plain method", { ...good, code_challenge_method: "plain" }, "code_challenge_method"],
      ["an unknown provider", { ...good, provider: "myspace" }, "provider"],
      ["no state", { ...good, state: "" }, "state"],
    ];
    for (const [what, query, field] of cases) {
      const response = await request.get(startPath(query), { maxRedirects: 0 });
      expect(response.status(), what).toBe(400);
      expect(response.headers().location, what).toBeUndefined();
      const body = (await response.json()) as { error: { field: string; message: string } };
      expect(body.error.field, what).toBe(field);
      expect(body.error.message, what).not.toBe("");
    }
  });

  test("sends a start reached at another host name to APP_URL first", async ({ request, baseURL }) => {
    const path = startPath(appRequest(`${baseURL ?? ""}${LANDING_PATH}`).query);
    const response = await request.get(path, {
      maxRedirects: 0,
      headers: { "x-forwarded-host": "alias.shop.test:3100" },
    });
    expect(response.status()).toBe(302);
    expect(response.headers().location).toBe(`${baseURL ?? ""}${path}`);
    expect(response.headers()["set-cookie"] ?? "").not.toContain(PENDING_COOKIE);
  });

  test("finish with no sign-in waiting is a 400 page, not a redirect", async ({ request }) => {
    const response = await request.get("/api/app-auth/finish", { maxRedirects: 0 });
    expect(response.status()).toBe(400);
    expect(response.headers().location).toBeUndefined();
    expect(await response.text()).toContain("This sign-in has expired");
  });
});
