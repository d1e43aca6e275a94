import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { searchQuerySchema } from "./catalog.ts";
import { isWellFormedText, lineText, paragraphText, withoutUnsafeCharacters } from "./text.ts";

// eslint-disable-next-line no-control-regex -- control characters are what these tests look for
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- as above
const PARAGRAPH_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** Strings from every part of UTF-16, unpaired surrogates and controls included. */
const anyText = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
});

describe("isWellFormedText", () => {
  it("agrees with String.prototype.isWellFormed on any UTF-16 string", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(isWellFormedText(text)).toBe((text as unknown as { isWellFormed(): boolean }).isWellFormed());
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("lineText and paragraphText", () => {
  it("accept exactly the text with no control, bidi override or unpaired surrogate", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const line = lineText().safeParse(text).success;
        const paragraph = paragraphText().safeParse(text).success;
        expect(line).toBe(!UNSAFE.test(text) && isWellFormedText(text));
        expect(paragraph).toBe(!PARAGRAPH_UNSAFE.test(text) && isWellFormedText(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it("name what they refuse", () => {
    expect(lineText().safeParse("a\u0000b").error?.issues[0]?.message).toBe(
      "must not contain control characters",
    );
    expect(lineText().safeParse("\u202eevil").error?.issues[0]?.message).toBe(
      "must not contain control characters",
    );
    expect(lineText().safeParse("x\ud800").error?.issues[0]?.message).toBe("must be valid text");
    expect(paragraphText().safeParse("two\nlines\tand a tab").success).toBe(true);
    expect(lineText().safeParse("🙂 ünïcödé 漢字").success).toBe(true);
  });
});

describe("withoutUnsafeCharacters (search)", () => {
  it("leaves nothing unsafe and nothing unpaired, and keeps safe text as it is", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const cleaned = withoutUnsafeCharacters(text);
        expect(UNSAFE.test(cleaned)).toBe(false);
        expect(isWellFormedText(cleaned)).toBe(true);
        expect(cleaned).toHaveLength(text.length);
        if (!UNSAFE.test(text) && isWellFormedText(text)) expect(cleaned).toBe(text);
      }),
      { numRuns: 2_000 },
    );
  });

  it("is how a search reads what was typed", () => {
    expect(searchQuerySchema.parse("linen\u0007 shirt\u202e")).toBe("linen  shirt");
    expect(searchQuerySchema.parse("\u0001\u0002")).toBeUndefined();
  });
});
