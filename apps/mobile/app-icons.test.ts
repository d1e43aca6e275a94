// The app's icons as app.json names them: each file is there, a PNG of the size its platform asks.
import { readFileSync } from "node:fs";
import path from "node:path";

import { imageSize } from "image-size";
import { describe, expect, it } from "vitest";

import appJson from "./app.json" with { type: "json" };

const { expo } = appJson;
const bytesOf = (file: string) => new Uint8Array(readFileSync(path.join(import.meta.dirname, file)));
// A PNG's IHDR colour type (byte 25): 2 is RGB, 6 is RGB with alpha.
const hasAlpha = (png: Uint8Array) => png[25] === 6;

describe.each([
  { use: "the app icon", file: expo.icon, size: 1024 },
  { use: "Android's adaptive icon", file: expo.android.adaptiveIcon.foregroundImage, size: 1024 },
  { use: "the web favicon", file: expo.web.favicon, size: 48 },
])("$use", ({ file, size }) => {
  it(`is a ${size}×${size} PNG under assets/`, () => {
    expect(file).toMatch(/^\.\/assets\/[a-z-]+\.png$/);
    expect(imageSize(bytesOf(file))).toMatchObject({ type: "png", width: size, height: size });
  });
});

it("the app icon is opaque (the App Store refuses one with an alpha channel)", () => {
  expect(hasAlpha(bytesOf(expo.icon))).toBe(false);
});

it("the adaptive icon's foreground is cut out, over the shop's colour", () => {
  expect(hasAlpha(bytesOf(expo.android.adaptiveIcon.foregroundImage))).toBe(true);
  expect(expo.android.adaptiveIcon.backgroundColor).toBe("#006e42");
});
