// What axe finds against the WCAG 2.1 A and AA rules it can check automatically, as one line per
// rule broken (with the elements that break it), so a failing test names what to fix.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/** The page as it is now, checked whole; the tests expect none. */
export async function wcagViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact ?? "?"}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}
