import { describe, expect, it } from "vitest";

import { drawPlaceholder } from "./placeholder.ts";

describe("drawPlaceholder", () => {
  it("draws the same picture for the same product and view, and a different one otherwise", () => {
    const a = drawPlaceholder("linen-overshirt", 1);
    expect(drawPlaceholder("linen-overshirt", 1)).toBe(a);
    expect(drawPlaceholder("linen-overshirt", 2)).not.toBe(a);
    expect(drawPlaceholder("wool-beanie", 1)).not.toBe(a);
  });

  it("is an 800x800 SVG carrying the product's name", () => {
    const svg = drawPlaceholder("navy-linen-overshirt", 1);
    expect(svg).toMatch(/^<svg [^>]*width="800" height="800"/);
    expect(svg).toContain(">Navy Linen</text>");
    expect(svg).toContain(">Overshirt</text>");
  });
});
