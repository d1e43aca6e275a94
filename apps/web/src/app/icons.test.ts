// The shop's icons, served by the App Router's file conventions: Next links each file in the page's
// head, and answers /favicon.ico itself (without it, every first visit logs a 404 in the console).
import { readFileSync } from "node:fs";
import path from "node:path";

import { imageSize } from "image-size";
import { isStaticMetadataFile } from "next/dist/lib/metadata/is-metadata-route.js";
import { describe, expect, it } from "vitest";

const bytesOf = (name: string) => new Uint8Array(readFileSync(path.join(import.meta.dirname, name)));

describe.each([
  { name: "favicon.ico", type: "ico", sizes: ["16x16", "32x32", "48x48"] },
  { name: "icon.svg", type: "svg", sizes: ["512x512"] },
  { name: "apple-icon.png", type: "png", sizes: ["180x180"] },
])("$name", ({ name, type, sizes }) => {
  it("is a file Next serves and links as an icon", () => {
    expect(isStaticMetadataFile(`/${name}`)).toBe(true);
  });

  it(`is a ${type} image of ${sizes.join(", ")}`, () => {
    const size = imageSize(bytesOf(name));
    expect(size.type).toBe(type);
    expect((size.images ?? [size]).map(({ width, height }) => `${width}x${height}`)).toEqual(sizes);
  });
});
