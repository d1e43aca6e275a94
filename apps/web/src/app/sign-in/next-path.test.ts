import { describe, expect, it } from "vitest";

import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeNextPath("/account")).toBe("/account");
    expect(safeNextPath("/products?page=2#reviews")).toBe("/products?page=2#reviews");
    expect(safeNextPath("/")).toBe("/");
  });

  it("refuses other sites, however they are written", () => {
    for (const value of [
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "\\/evil.example",
      "javascript:alert(1)",
      "account",
      "",
    ]) {
      expect(safeNextPath(value), JSON.stringify(value)).toBeNull();
    }
  });

  it("refuses what is not a string, and absurdly long values", () => {
    expect(safeNextPath(undefined)).toBeNull();
    expect(safeNextPath(["/account"])).toBeNull();
    expect(safeNextPath(`/${"a".repeat(3000)}`)).toBeNull();
  });
});
