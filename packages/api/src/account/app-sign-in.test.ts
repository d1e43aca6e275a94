// The phone app's OAuth sign-in, last step (decision 0025): a one-time code, as
// /api/app-auth/finish issues it after the browser signed in, traded with the PKCE verifier for a
// bearer session through account.signInWithAppCode, over HTTP as the app calls it.
import { createHash, randomBytes } from "node:crypto";

import { createRateLimiter, hashToken, issueAppSignInCode, readAuthEnv } from "@bazaar/auth";
import { createTestDatabase } from "@bazaar/db/testing";
import { describe, expect, it, vi } from "vitest";

import { insertCatalog, T0 } from "../../test/catalog-fixtures.ts";
import { callHttp } from "../../test/http.ts";

const { db } = await createTestDatabase();
await insertCatalog(db, [{ id: "mug", categoryId: "cat_a", createdAt: T0, variants: [[1200, 50]] }]);

const REDIRECT_URI = "bazaar://auth";
const INVALID = { code: ["is invalid or has expired"] };
const policy = readAuthEnv({});

/** A verifier as the app makes one, and its S256 challenge. */
function pkcePair() {
  const codeVerifier = randomBytes(32).toString("base64url");
  const codeChallenge = createHash("sha256").update(codeVerifier).digest("base64url");
  return { codeVerifier, codeChallenge };
}

let people = 0;
async function person(role: "CUSTOMER" | "STAFF" = "CUSTOMER") {
  people += 1;
  return db.user.create({
    data: { email: `app-${people}@example.com`, name: `App ${people}`, role, emailVerified: new Date() },
  });
}

/** What /api/app-auth/finish does for a signed-in browser: a code for the app, plus its verifier. */
async function codeFor(userId: string, options: { now?: Date; redirectUri?: string } = {}) {
  const { codeVerifier, codeChallenge } = pkcePair();
  const code = await issueAppSignInCode(
    db,
    { userId, provider: "oidc", codeChallenge, redirectUri: options.redirectUri ?? REDIRECT_URI },
    options.now,
  );
  return { code, codeVerifier };
}

// Room for every exchange in this file (the process's own limiter allows 20 sign-ins per address).
const roomyLimiter = createRateLimiter({
  keyPrefix: `test-app-sign-in-roomy-${Date.now()}`,
  policies: { signIn: { ip: { points: 1_000, durationSeconds: 60 } } },
});
const exchange = (input: unknown, options: Omit<Parameters<typeof callHttp>[2], "input"> = {}) =>
  callHttp(db, "account.signInWithAppCode", {
    mutation: true,
    input,
    rateLimiter: roomyLimiter,
    ...options,
  });

const bearerSessions = (userId: string) => db.session.count({ where: { userId, kind: "BEARER" } });

describe("account.signInWithAppCode", () => {
  it("trades a code and its verifier for a bearer token that works, and audits an app OAuth sign-in", async () => {
    const user = await person();
    const { code, codeVerifier } = await codeFor(user.id);
    // The table holds the code's hash, never the code.
    expect(await db.appSignInCode.count({ where: { codeHash: hashToken(code), userId: user.id } })).toBe(1);
    expect(await db.appSignInCode.count({ where: { codeHash: code } })).toBe(0);

    const { status, data } = await exchange(
      { code, codeVerifier, redirectUri: REDIRECT_URI },
      { headers: { "user-agent": "BazaarApp/1.0", "x-forwarded-for": "203.0.113.20" } },
    );
    expect(status).toBe(200);
    expect(data).toMatchObject({
      user: { id: user.id, email: user.email, name: user.name, role: "CUSTOMER" },
    });
    const { token, expires } = data as { token: string; expires: string };
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // A customer's session: the role's absolute lifetime.
    const lifetime = new Date(expires).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan((policy.SESSION_MAX_MINUTES - 1) * 60_000);
    expect(lifetime).toBeLessThanOrEqual(policy.SESSION_MAX_MINUTES * 60_000);

    const me = await callHttp(db, "account.me", { token });
    expect(me.status).toBe(200);
    expect(me.data).toMatchObject({ id: user.id, email: user.email });
    const sessions = await callHttp(db, "account.sessions", { token });
    expect(sessions.data).toEqual([
      expect.objectContaining({
        kind: "BEARER",
        userAgent: "BazaarApp/1.0",
        ip: "203.0.113.20",
        current: true,
      }),
    ]);
    const audit = await db.auditLog.findMany({ where: { action: "sign_in", actorId: user.id } });
    expect(audit.map((event) => event.details)).toEqual([
      { method: "oauth", via: "app", provider: "oidc", kind: "BEARER" },
    ]);
    expect(audit[0]).toMatchObject({ ip: "203.0.113.20", userAgent: "BazaarApp/1.0" });
  });

  it("works once: the same code again is refused, and starts no second session", async () => {
    const user = await person();
    const { code, codeVerifier } = await codeFor(user.id);
    const input = { code, codeVerifier, redirectUri: REDIRECT_URI };
    expect((await exchange(input)).status).toBe(200);
    const again = await exchange(input);
    expect(again.status).toBe(400);
    expect(again.error?.data.fieldErrors).toEqual(INVALID);
    expect(await bearerSessions(user.id)).toBe(1);
  });

  it("lets exactly one of two simultaneous exchanges of one code through", async () => {
    const user = await person();
    const { code, codeVerifier } = await codeFor(user.id);
    const input = { code, codeVerifier, redirectUri: REDIRECT_URI };
    const answers = await Promise.all([exchange(input), exchange(input)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    expect(answers.find((a) => a.status === 400)?.error?.data.fieldErrors).toEqual(INVALID);
    expect(await bearerSessions(user.id)).toBe(1);
  });

  it("burns the code on a wrong verifier, so the right one afterwards is refused too", async () => {
    const user = await person();
    const { code, codeVerifier } = await codeFor(user.id);
    const wrong = await exchange({ code, codeVerifier: pkcePair().codeVerifier, redirectUri: REDIRECT_URI });
    expect(wrong.status).toBe(400);
    expect(wrong.error?.data.fieldErrors).toEqual(INVALID);
    const right = await exchange({ code, codeVerifier, redirectUri: REDIRECT_URI });
    expect(right.status).toBe(400);
    expect(right.error?.data.fieldErrors).toEqual(INVALID);
    expect(await bearerSessions(user.id)).toBe(0);
  });

  it("refuses, and burns, a code presented with another redirect URI than it was issued for", async () => {
    const user = await person();
    const { code, codeVerifier } = await codeFor(user.id);
    const other = await exchange({ code, codeVerifier, redirectUri: "bazaar://other" });
    expect(other.status).toBe(400);
    expect(other.error?.data.fieldErrors).toEqual(INVALID);
    expect((await exchange({ code, codeVerifier, redirectUri: REDIRECT_URI })).status).toBe(400);
    expect(await bearerSessions(user.id)).toBe(0);
  });

  it("refuses a code more than 5 minutes old, and an unknown one, with the same answer", async () => {
    const user = await person();
    const stale = await codeFor(user.id, { now: new Date(Date.now() - 5 * 60_000 - 1_000) });
    const fresh = await codeFor(user.id, { now: new Date(Date.now() - 4 * 60_000) });
    const expired = await exchange({ ...stale, redirectUri: REDIRECT_URI });
    expect(expired.status).toBe(400);
    expect(expired.error?.data.fieldErrors).toEqual(INVALID);
    const unknown = await exchange({
      code: randomBytes(32).toString("base64url"),
      codeVerifier: stale.codeVerifier,
      redirectUri: REDIRECT_URI,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.error).toEqual(expect.objectContaining({ message: expired.error?.message }));
    expect(unknown.error?.data.fieldErrors).toEqual(INVALID);
    // Four minutes in, still good.
    expect((await exchange({ ...fresh, redirectUri: REDIRECT_URI })).status).toBe(200);
  });

  it("refuses the code of an account deleted since it was issued", async () => {
    const user = await person();
    const { code, codeVerifier } = await codeFor(user.id);
    await db.user.update({ where: { id: user.id }, data: { deletedAt: new Date() } });
    const refused = await exchange({ code, codeVerifier, redirectUri: REDIRECT_URI });
    expect(refused.status).toBe(400);
    expect(refused.error?.data.fieldErrors).toEqual(INVALID);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it.each([
    ["no code", { code: undefined }, "code"],
    ["a code of 129 characters", { code: "A".repeat(129) }, "code"],
    ["no verifier", { codeVerifier: undefined }, "codeVerifier"],
    ["a verifier of 42 characters", { codeVerifier: "A".repeat(42) }, "codeVerifier"],
    ["a verifier of 129 characters", { codeVerifier: "A".repeat(129) }, "codeVerifier"],
    [
      "a verifier with a character PKCE does not allow",
      { codeVerifier: `${"A".repeat(42)}+` },
      "codeVerifier",
    ],
    ["no redirect URI", { redirectUri: undefined }, "redirectUri"],
  ])("answers %s with a 400 naming the field, and leaves the code usable", async (_, change, field) => {
    const user = await person();
    const { code, codeVerifier } = await codeFor(user.id);
    const input = { code, codeVerifier, redirectUri: REDIRECT_URI };
    const refused = await exchange({ ...input, ...change });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.error?.data.fieldErrors ?? {})).toEqual([field]);
    expect(await bearerSessions(user.id)).toBe(0);
    expect((await exchange(input)).status).toBe(200);
  });

  it("gives a staff member a staff session's shorter lifetime", async () => {
    const staff = await person("STAFF");
    const { code, codeVerifier } = await codeFor(staff.id);
    const { data } = await exchange({ code, codeVerifier, redirectUri: REDIRECT_URI });
    const lifetime = new Date((data as { expires: string }).expires).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan((policy.STAFF_SESSION_MAX_MINUTES - 1) * 60_000);
    expect(lifetime).toBeLessThanOrEqual(policy.STAFF_SESSION_MAX_MINUTES * 60_000);
  });

  it("joins the guest cart the app held (X-Cart-Token) to the account's", async () => {
    const added = await callHttp(db, "cart.add", {
      mutation: true,
      input: { variantId: "mug_v0", quantity: 3 },
    });
    const { cartToken } = added.data as { cartToken: string };
    const user = await person();
    const { code, codeVerifier } = await codeFor(user.id);
    const signedIn = await exchange(
      { code, codeVerifier, redirectUri: REDIRECT_URI },
      { headers: { "x-cart-token": cartToken } },
    );
    expect(signedIn.status).toBe(200);
    const cart = await callHttp(db, "cart.get", { token: (signedIn.data as { token: string }).token });
    expect((cart.data as { lines: { variantId: string; quantity: number }[] }).lines).toEqual([
      expect.objectContaining({ variantId: "mug_v0", quantity: 3 }),
    ]);
  });

  it("ends codes not yet traded when the owner signs out everywhere", async () => {
    const user = await person();
    const first = await codeFor(user.id);
    const pending = await codeFor(user.id);
    const { token } = (await exchange({ ...first, redirectUri: REDIRECT_URI })).data as { token: string };
    await callHttp(db, "account.revokeAllSessions", { mutation: true, token, input: { keepCurrent: true } });
    const refused = await exchange({ ...pending, redirectUri: REDIRECT_URI });
    expect(refused.status).toBe(400);
    expect(refused.error?.data.fieldErrors).toEqual(INVALID);
  });

  it("is rate limited per address with the other sign-ins (429 with Retry-After)", async () => {
    const limiter = createRateLimiter({
      keyPrefix: `test-app-sign-in-${Date.now()}`,
      policies: { signIn: { ip: { points: 2, durationSeconds: 60 } } },
    });
    const headers = { "x-forwarded-for": "198.51.100.77" };
    const attempt = () =>
      exchange(
        {
          code: randomBytes(32).toString("base64url"),
          codeVerifier: pkcePair().codeVerifier,
          redirectUri: REDIRECT_URI,
        },
        { rateLimiter: limiter, headers },
      );
    expect((await attempt()).status).toBe(400);
    expect((await attempt()).status).toBe(400);
    const refused = await attempt();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("account.signInProviders", () => {
  it("lists the providers the environment configures, for the app's buttons, and nothing else", async () => {
    const listed = () => callHttp(db, "account.signInProviders", {});
    vi.stubEnv("AUTH_OIDC_ISSUER", "");
    const none = await listed();
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ result: { data: { json: [] } } });

    vi.stubEnv("AUTH_OIDC_ISSUER", "https://sso.example.test");
    vi.stubEnv("AUTH_OIDC_ID", "bazaar");
    vi.stubEnv("AUTH_OIDC_SECRET", "a-secret-the-app-never-sees");
    vi.stubEnv("AUTH_OIDC_NAME", "Example SSO");
    try {
      const one = await listed();
      expect(one.body).toEqual({ result: { data: { json: [{ id: "oidc", name: "Example SSO" }] } } });
      expect(JSON.stringify(one.body)).not.toContain("a-secret");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
