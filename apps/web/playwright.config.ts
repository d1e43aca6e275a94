import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);

/** The payments webhook secret for the run's app (fixed: the test signs with it too). */
export const e2ePaymentsSecret = "e2e-payments-webhook-secret";

/**
 * The scratch database's URL, written by the web server's command so that a test can change a
 * row behind the app's back (e2e/catalog-cache.spec.ts proves the cache that way).
 */
export const databaseUrlFile = path.join(import.meta.dirname, ".cache", `e2e-database-url-${port}`);
const baseURL = `http://127.0.0.1:${port}`;

/** Pictures staff upload during the run land here, emptied when the run starts (not the dev data folder). */
const mediaDir = path.join(import.meta.dirname, ".cache", `e2e-media-${port}`);

// A real OpenID Provider (e2e/support/oidc-provider.ts) with the shop registered as its client.
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 3101);
/** An integration's web page allowed to call the REST API from a browser (never served). */
export const E2E_PARTNER_ORIGIN = "http://partner.invalid";
const oidc = {
  issuer: `http://127.0.0.1:${oidcPort}`,
  clientId: "bazaar-e2e",
  clientSecret: randomBytes(24).toString("hex"),
};

// The mail catcher (e2e/support/mail-catcher.ts): the app delivers over real SMTP, the tests
// read what arrived from its HTTP side (e2e/accounts.spec.ts).
const mailPorts = {
  smtp: Number(process.env.E2E_SMTP_PORT ?? 3102),
  http: Number(process.env.E2E_MAIL_PORT ?? 3103),
};

// The phone app's web build (apps/mobile, `expo export --platform web`), served on its own origin
// with the shop behind it (e2e/support/expo-web-server.ts); e2e/phone-app.spec.ts drives it.
const phoneAppPort = Number(process.env.E2E_APP_PORT ?? 3104);
const phoneAppBuild = path.join(import.meta.dirname, "..", "mobile", "dist", "web");

// Playwright's own browser where it can be downloaded; otherwise the system's Chromium
// (these build machines have no internet: see ENVIRONMENT.md).
const systemChromium =
  process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

/** A helper server of the run (a support script on loopback), up when `url` answers. */
function supportServer(script: string, url: string, env: Record<string, string>) {
  return {
    command: `tsx e2e/support/${script}`,
    url,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env,
  } as const;
}

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: systemChromium
      ? {
          executablePath: systemChromium,
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        }
      : {},
  },
  projects: [
    { name: "desktop", testIgnore: /phone-app\.spec\.ts/, use: {} },
    // A phone-sized screen for the shopper journeys; the HTTP checks need no second run.
    {
      name: "mobile",
      // The OIDC sign-in journeys (tagged @oidc) run once, on desktop: the provider's pages and
      // the redirects are the same on a phone. So do the admin console's long journeys (@admin),
      // as staff work at a desk, and the REST API's reference and HTTP checks (@api). Its people pages (admin-people.spec.ts) still run on both, so the
      // console's layout on a narrow screen stays checked. The database outage (@outage) starts a
      // server and a PostgreSQL of its own and stops the latter: once is enough.
      grepInvert: /HTTP surface|@oidc|@admin|@api|@outage/,
      testIgnore: /phone-app\.spec\.ts/,
      use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    },
    // The Expo app's web build, on a phone-sized screen.
    {
      name: "phone-app",
      testMatch: /phone-app\.spec\.ts/,
      use: {
        baseURL: `http://127.0.0.1:${phoneAppPort}`,
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      },
    },
  ],
  webServer: [
    // The built app on a database of its own, seeded, and dropped when the run ends. Idle
    // keep-alive connections stay open longer than a test's pauses: with Node's 5 s default, a
    // request reusing a connection the server was just closing failed with ECONNRESET.
    {
      command: `rm -rf ${mediaDir} && mkdir -p .cache && with-db --scratch e2e -- sh -c 'printf %s "$DATABASE_URL" > ${databaseUrlFile} && exec next start --hostname 127.0.0.1 --port ${port} --keepAliveTimeout 70000'`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      env: {
        // `next start` is production mode, which refuses to start without a secret: one per run.
        AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("hex"),
        // The origin the browser uses: cookies, links and OAuth redirect URIs are built from it.
        APP_URL: baseURL,
        AUTH_OIDC_ISSUER: oidc.issuer,
        AUTH_OIDC_ID: oidc.clientId,
        AUTH_OIDC_SECRET: oidc.clientSecret,
        AUTH_OIDC_NAME: "Test SSO",
        SMTP_URL: `smtp://127.0.0.1:${mailPorts.smtp}`,
        MEDIA_DIR: mediaDir,
        // e2e/checkout.spec.ts signs deliveries to the payments webhook with it.
        PAYMENTS_WEBHOOK_SECRET: e2ePaymentsSecret,
        // The test provider reports a little after the shopper returns, so the order page's
        // "confirming payment" state is seen before it turns paid (e2e/purchase.spec.ts).
        TEST_PAYMENTS_DELAY_MS: "1500",
        // The one browser origin allowed to call /api/v1 (e2e/rest-api.spec.ts).
        API_CORS_ORIGINS: E2E_PARTNER_ORIGIN,
        // The e2e webhook receivers listen on loopback; `next start` is production mode, which refuses private targets by default.
        WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
        // Where an OAuth sign-in the phone app starts may come back to (decision 0025): the
        // app's scheme, e2e/app-sign-in.spec.ts's landing page, and the app's web build.
        APP_REDIRECT_URIS: [
          "bazaar://auth",
          `${baseURL}/app-sign-in-landing`,
          `http://127.0.0.1:${phoneAppPort}/auth/callback`,
        ].join(","),
      },
    },
    // The OpenID Provider the shop signs in with (over http on loopback: see the script).
    supportServer("oidc-provider.ts", `${oidc.issuer}/.well-known/openid-configuration`, {
      OIDC_PORT: String(oidcPort),
      OIDC_CLIENT_ID: oidc.clientId,
      OIDC_CLIENT_SECRET: oidc.clientSecret,
      OIDC_REDIRECT_URI: `${baseURL}/api/auth/callback/oidc`,
    }),
    // The phone app's web build, with the shop above behind it.
    supportServer("expo-web-server.ts", `http://127.0.0.1:${phoneAppPort}/`, {
      EXPO_WEB_PORT: String(phoneAppPort),
      EXPO_WEB_SHOP_ORIGIN: baseURL,
      EXPO_WEB_DIR: phoneAppBuild,
    }),
    // Where the app's mail goes (a real SMTP server on loopback).
    supportServer("mail-catcher.ts", `http://127.0.0.1:${mailPorts.http}/health`, {
      MAIL_CATCHER_SMTP_PORT: String(mailPorts.smtp),
      MAIL_CATCHER_HTTP_PORT: String(mailPorts.http),
    }),
  ],
});
