// Every main page against the WCAG 2.1 A and AA rules axe can check automatically (labels, names,
// roles, landmarks, colour contrast), at desktop and phone sizes. Keyboard use is walked in
// storefront-browse.spec.ts; this catches what a reviewer's eye misses.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact ?? "?"}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

const PAGES = [
  ["the home page", "/"],
  ["all products", "/products"],
  ["a category, filtered", "/categories/apparel?size=M&stock=1"],
  ["search results", "/search?q=linen"],
  ["a search that finds nothing", "/search?q=zzzzqqq"],
  ["sign in", "/sign-in"],
  ["sign up", "/sign-up"],
] as const;

test.describe("accessibility", () => {
  for (const [name, path] of PAGES) {
    test(`${name} has no WCAG A/AA violations`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole("main")).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });
  }

  test("a product page has no WCAG A/AA violations", async ({ page }) => {
    await page.goto("/products");
    await page.getByRole("list", { name: "All products" }).getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
});
