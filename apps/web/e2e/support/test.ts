// Playwright's `test`, failing any test whose pages (popups included) log a browser console error
// or break the Content-Security-Policy: hydration mismatches, failed requests and blocked scripts
// or styles all show up there. The failed load a 404 page reports for itself is the one exception.
import { test as base, expect } from "@playwright/test";

declare global {
  interface Window {
    __bazaarCspViolation?: (report: string) => void;
  }
}

export const test = base.extend<{ consoleErrors: string[]; cspViolations: string[] }>({
  consoleErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      context.on("console", (message) => {
        if (message.type() === "error" && !message.text().includes("status of 404"))
          errors.push(`${message.page()?.url() ?? "?"}: ${message.text()}`);
      });
      context.on("weberror", (error) => errors.push(error.error().message));
      await use(errors);
      expect(errors, "errors in the browser console").toEqual([]);
    },
    { auto: true },
  ],
  // Every page of the test, and every window it opens, reports each violation as the browser
  // sees it; a test that provokes one on purpose takes it out of the list.
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      await context.exposeFunction("__bazaarCspViolation", (report: string) => violations.push(report));
      await context.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (event) => {
          window.__bazaarCspViolation?.(
            `${event.documentURI}: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`,
          );
        });
      });
      await use(violations);
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
