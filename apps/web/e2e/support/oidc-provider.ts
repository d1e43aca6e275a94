// A real OpenID Provider for the end-to-end tests: oidc-provider (a certified implementation) on
// loopback, with one registered client (the shop), a few test accounts, and a small login and
// consent page of our own that the browser fills in. Started by playwright.config.ts:
//   tsx e2e/support/oidc-provider.ts
//
// Plain http is enough: @auth/core passes oauth4webapi's `allowInsecureRequests` to its discovery,
// token and userinfo requests (@auth/core lib/actions/callback/oauth/callback.js and
// lib/actions/signin/authorization-url.js), and it does not fetch the JWKS for an ID token that
// arrives straight from the token endpoint. A real issuer is https, of course.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { pathToFileURL } from "node:url";
// @ts-expect-error -- oidc-provider ships no type declarations; the little used here is typed below.
import OidcProviderModule from "oidc-provider";

export const OIDC_DEFAULTS = {
  port: 3101,
  clientId: "bazaar-e2e",
  clientSecret: "bazaar-e2e-client-secret-not-for-production",
} as const;

export interface TestAccount {
  sub: string;
  password: string;
  email: string;
  email_verified: boolean;
  name: string;
}

/** Who can sign in at this provider, by login name. */
export const OIDC_ACCOUNTS = {
  olive: {
    sub: "oidc-olive-0001",
    password: "olive-at-the-provider",
    email: "olive.oidc@example.test",
    email_verified: true,
    name: "Olive Oidc",
  },
  rowan: {
    sub: "oidc-rowan-0005",
    password: "rowan-at-the-provider",
    email: "rowan.oidc@example.test",
    email_verified: false,
    name: "Rowan Oidc",
  },
  // Two provider accounts, one address (cased differently): the second must not get into the
  // Bazaar account the first one created.
  ivy: {
    sub: "oidc-ivy-0002",
    password: "ivy-at-the-provider",
    email: "ivy.oidc@example.test",
    email_verified: true,
    name: "Ivy Oidc",
  },
  "ivy-twin": {
    sub: "oidc-ivy-twin-0003",
    password: "twin-at-the-provider",
    email: "Ivy.OIDC@Example.test",
    email_verified: true,
    name: "Ivy Twin",
  },
  // The address of the customer the seed creates with a password.
  customer: {
    sub: "oidc-customer-0004",
    password: "customer-at-the-provider",
    email: "customer@bazaar.test",
    email_verified: true,
    name: "Seeded Customer",
  },
  // Signs in to the phone app through the system browser (e2e/app-sign-in.spec.ts).
  fern: {
    sub: "oidc-fern-0007",
    password: "fern-at-the-provider",
    email: "fern.oidc@example.test",
    email_verified: true,
    name: "Fern Oidc",
  },
  // Signs in to the phone app's web build with its "Continue with" button (e2e/phone-app.spec.ts).
  wren: {
    sub: "oidc-wren-0008",
    password: "wren-at-the-provider",
    email: "wren.oidc@example.test",
    email_verified: true,
    name: "Wren Oidc",
  },
  // The seeded staff member's address: linked to that account by signing in with the password first.
  staff: {
    sub: "oidc-staff-0006",
    password: "staff-at-the-provider",
    email: "staff@bazaar.test",
    email_verified: true,
    name: "Seeded Staff",
  },
} satisfies Record<string, TestAccount>;

// ---- the part of oidc-provider's API this script uses -------------------------------------------

interface Interaction {
  uid: string;
  prompt: {
    name: string;
    details: {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
  };
  params: { client_id: string; scope?: string };
  session?: { accountId?: string };
  grantId?: string;
}

interface Grant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  addResourceScope(indicator: string, scope: string): void;
  save(): Promise<string>;
}

interface OidcProvider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    options: { mergeWithLastSubmission: boolean },
  ): Promise<void>;
  Grant: {
    new (init: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  };
}

const Provider = OidcProviderModule as unknown as new (issuer: string, configuration: object) => OidcProvider;

// ---- the provider -------------------------------------------------------------------------------

function bySub(sub: string): TestAccount | undefined {
  return Object.values(OIDC_ACCOUNTS).find((account) => account.sub === sub);
}

export function createOidcProvider(options: {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}) {
  // A signing key per run, so the quick-start development keys are not used.
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  return new Provider(options.issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: "e2e", use: "sig", alg: "RS256" }] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount(_ctx: unknown, sub: string) {
      const account = bySub(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: account.email,
          email_verified: account.email_verified,
          name: account.name,
        }),
      };
    },
  });
}

// ---- login and consent pages --------------------------------------------------------------------

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, title: string, body: string, status = 200) {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
      `<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
  );
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  let text = "";
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 10_000) throw new Error("form too large");
  }
  return new URLSearchParams(text);
}

function loginForm(uid: string, error?: string) {
  return (
    (error ? `<p role="alert">${escapeHtml(error)}</p>` : "") +
    `<form method="post" action="/interaction/${escapeHtml(uid)}/login">` +
    `<label>Username <input name="login" autocomplete="username" required autofocus></label>` +
    `<label>Password <input name="password" type="password" autocomplete="current-password" required></label>` +
    `<button type="submit">Sign in</button></form>`
  );
}

async function handleInteraction(
  provider: OidcProvider,
  req: IncomingMessage,
  res: ServerResponse,
  path: string[],
) {
  const [uid, step] = path;
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return page(res, "Unknown interaction", "", 400);

  if (req.method === "GET" && !step) {
    if (details.prompt.name === "login") return page(res, "Sign in to Test SSO", loginForm(uid));
    const scopes = details.prompt.details.missingOIDCScope ?? [];
    return page(
      res,
      "Allow access",
      `<p>${escapeHtml(details.params.client_id)} asks for: ${escapeHtml(scopes.join(", ") || "your sign-in")}</p>` +
        `<form method="post" action="/interaction/${escapeHtml(uid)}/consent"><button type="submit">Allow</button></form>`,
    );
  }

  if (req.method === "POST" && step === "login" && details.prompt.name === "login") {
    const form = await formBody(req);
    const login = form.get("login") ?? "";
    const account = Object.hasOwn(OIDC_ACCOUNTS, login)
      ? OIDC_ACCOUNTS[login as keyof typeof OIDC_ACCOUNTS]
      : undefined;
    if (form.get("password") !== account?.password) {
      return page(res, "Sign in to Test SSO", loginForm(uid, "Wrong username or password."), 401);
    }
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.sub } },
      { mergeWithLastSubmission: false },
    );
  }

  if (req.method === "POST" && step === "consent" && details.prompt.name === "consent") {
    const accountId = details.session?.accountId;
    if (!accountId) return page(res, "Not signed in", "", 400);
    const grant =
      (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
      new provider.Grant({ accountId, clientId: details.params.client_id });
    const missing = details.prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(" "));
    }
    const grantId = await grant.save();
    return provider.interactionFinished(
      req,
      res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  }

  return page(res, "Not found", "", 404);
}

export function startOidcServer(options: Parameters<typeof createOidcProvider>[0] & { port: number }) {
  const provider = createOidcProvider(options);
  const handle = provider.callback();
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? "/", options.issuer);
    const parts = pathname.split("/").filter(Boolean);
    if (parts[0] !== "interaction") return handle(req, res);
    handleInteraction(provider, req, res, parts.slice(1)).catch((error: unknown) => {
      console.error("[oidc] interaction failed:", error);
      if (!res.headersSent) page(res, "Something went wrong", "", 500);
      else res.end();
    });
  });
  return new Promise<typeof server>((resolve) =>
    server.listen(options.port, "127.0.0.1", () => resolve(server)),
  );
}

// Run as a script (not when a test imports the account list).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.OIDC_PORT ?? OIDC_DEFAULTS.port);
  const issuer = `http://127.0.0.1:${port}`;
  const redirectUri = process.env.OIDC_REDIRECT_URI;
  if (!redirectUri) {
    console.error("OIDC_REDIRECT_URI is required (the shop's /api/auth/callback/oidc)");
    process.exit(2);
  }
  const server = await startOidcServer({
    port,
    issuer,
    redirectUri,
    clientId: process.env.OIDC_CLIENT_ID ?? OIDC_DEFAULTS.clientId,
    clientSecret: process.env.OIDC_CLIENT_SECRET ?? OIDC_DEFAULTS.clientSecret,
  });
  console.log(`[oidc] OpenID Provider at ${issuer}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      server.close(() => process.exit(0));
      server.closeAllConnections();
    });
  }
}
