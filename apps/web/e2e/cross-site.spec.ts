// No cross-site writes: a signed-in shopper visits another site on the same host (another port
// of 127.0.0.1 is "same-site", so the SameSite=Lax session cookie rides along), and its pages try
// every way a page can post to the shop without a preflight: a text/plain form shaped as JSON, a
// multipart form replaying the profile form's server action, and a no-cors fetch. Each one is
// refused with a 403 and the account is unchanged (read from the database). The same mutation
// sent with forged headers, as the finding that opened the issue did, is refused too; the shop's
// own form still works afterwards.
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";

import type { Page } from "@playwright/test";
import pg from "pg";

import { databaseUrlFile } from "../playwright.config";
import { APP, confirmedShopper, signIn, test, uniqueEmail } from "./support/accounts";
import { expectConsoleErrors } from "./support/shop";
import { expect } from "./support/test";

const PROFILE_MUTATION = `${APP}/api/trpc/account.updateProfile`;
const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The attacking site: each path is a page that posts to the shop as soon as it loads. */
function attackPages(actionFields: Record<string, string>): Record<string, string> {
  const autoSubmit = "<script>document.forms[0].submit()</script>";
  const hidden = Object.entries(actionFields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  return {
    // A text/plain form whose one field makes the body read as JSON: {"json":{"name":"..."},"x":"="}
    "/text-form": `<form method="POST" enctype="text/plain" action="${PROFILE_MUTATION}"><input name='{"json":{"name":"Pwned by form"},"x":"' value='"}'></form>${autoSubmit}`,
    // The profile form's own server action, replayed with the attacker's value.
    "/action-form": `<form method="POST" enctype="multipart/form-data" action="${APP}/account">${hidden}<input name="name" value="Pwned by action"></form>${autoSubmit}`,
    // A script's request that needs no preflight; the attacker cannot read the answer, only cause it.
    "/no-cors": `<script>fetch(${JSON.stringify(PROFILE_MUTATION)}, { method: "POST", mode: "no-cors", credentials: "include", body: JSON.stringify({ json: { name: "Pwned by fetch" } }) })</script>`,
  };
}

async function startAttacker(pages: Record<string, string>) {
  const server = http.createServer((request, response) => {
    const body = pages[request.url ?? ""];
    response.writeHead(body ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    response.end(body ? `<!doctype html><title>Free gift</title>${body}` : "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function nameInDatabase(email: string): Promise<string | null> {
  const db = new pg.Client({ connectionString: readFileSync(databaseUrlFile, "utf8") });
  await db.connect();
  try {
    const { rows } = await db.query<{ name: string | null }>('SELECT name FROM "User" WHERE email = $1', [
      email,
    ]);
    return rows[0]?.name ?? null;
  } finally {
    await db.end();
  }
}

/** The hidden fields React renders for the profile form's server action, read from the page. */
async function profileActionFields(page: Page): Promise<Record<string, string>> {
  const html = await (await page.request.get("/account")).text();
  const form = /<form[^>]*aria-label="Profile"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? "";
  const fields: Record<string, string> = {};
  for (const [, name = "", value = ""] of form.matchAll(
    /<input type="hidden" name="(\$ACTION[^"]*)"(?: value="([^"]*)")?/g,
  ))
    fields[name] = value.replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  return fields;
}

test.describe("the HTTP surface: no cross-site writes", () => {
  test("a page on another port of the same host cannot change a signed-in shopper's account", async ({
    page,
    request,
    consoleErrors,
  }, testInfo) => {
    test.slow();
    const email = uniqueEmail(testInfo, "cross-site");
    const shopper = await confirmedShopper(page, request, email);
    await signIn(page, shopper);
    await expect(page).toHaveURL("/account");

    const fields = await profileActionFields(page);
    expect(
      Object.keys(fields).some((name) => name.startsWith("$ACTION_")),
      "server action fields",
    ).toBe(true);
    const attacker = await startAttacker(attackPages(fields));
    try {
      for (const path of ["/text-form", "/action-form"]) {
        const answered = page.waitForResponse(
          (response) => response.request().method() === "POST" && response.url().startsWith(APP),
        );
        await page.goto(`${attacker.origin}${path}`);
        const response = await answered;
        // The cookie went with it (that is the attack), and the shop refused before anything ran.
        expect(await response.request().headerValue("cookie"), path).toContain("bazaar.session");
        expect(await response.request().headerValue("sec-fetch-site"), path).toBe("same-site");
        expect(response.status(), path).toBe(403);
        expect(await nameInDatabase(email), path).toBe(shopper.name);
      }
      // The fetch's answer never reaches the attacker's page (Cross-Origin-Resource-Policy), so the
      // browser reports it as failed; what matters is that it was sent and changed nothing.
      const failed = page.waitForEvent("requestfailed", (failure) => failure.url() === PROFILE_MUTATION);
      await page.goto(`${attacker.origin}/no-cors`);
      const fetchRequest = await failed;
      expect(fetchRequest.failure()?.errorText).toContain("ERR_BLOCKED_BY_RESPONSE");
      expect(await nameInDatabase(email)).toBe(shopper.name);
    } finally {
      // Off the attacker's page before its server goes, so nothing of it loads against a closed port.
      await page.goto("/account");
      await attacker.close();
    }

    // The request the finding sent: the session cookie, a foreign Origin, Sec-Fetch-Site cross-site.
    const cookies = (await page.context().cookies(APP))
      .map(({ name, value }) => `${name}=${value}`)
      .join("; ");
    const forged = await request.post(PROFILE_MUTATION, {
      headers: { cookie: cookies, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      data: { json: { name: "Pwned by forgery" } },
    });
    expect(forged.status()).toBe(403);
    expect(await forged.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    // Without Sec-Fetch-Site, the Origin decides; an opaque one ("null", from a sandboxed frame) too.
    for (const origin of ["https://evil.example", "null", "http://127.0.0.1:1"]) {
      const response = await request.post(PROFILE_MUTATION, {
        headers: { cookie: cookies, origin },
        data: { json: { name: "Pwned by forgery" } },
      });
      expect(response.status(), origin).toBe(403);
    }
    expect(await nameInDatabase(email)).toBe(shopper.name);

    // The shop's own form is not affected.
    await page.goto("/account");
    const form = page.getByRole("form", { name: "Profile" });
    await form.getByLabel("Name").fill("Pat Renamed");
    await form.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Your profile was saved.")).toBeVisible();
    expect(await nameInDatabase(email)).toBe("Pat Renamed");

    // Chromium logs the refused posts, the 403 answers it shows sandboxed (API answers carry
    // `sandbox`, so not even their own scripts could run) and the attacker's failed fetch; taken
    // out last, so that one logged late is counted too.
    expectConsoleErrors(
      consoleErrors,
      /status of 403|document's frame is sandboxed|ERR_BLOCKED_BY_RESPONSE|^Failed to fetch$/,
    );
  });
});
