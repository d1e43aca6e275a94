import sharp from "sharp";

import type { MediaStorage } from "./storage.ts";

/** A stable number from a string (FNV-1a), so the same product always gets the same colours. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );

/** An 800×800 SVG for a product's `view`-th picture: a coloured ground, a shape, its name. */
export function drawPlaceholder(slug: string, view: number): string {
  const seed = hash(slug);
  const hue = (seed % 360) + view * 47;
  const words = slug.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  const lines = [words.slice(0, 2).join(" "), words.slice(2, 4).join(" ")].filter(Boolean);
  const shape =
    view % 2 === 1
      ? `<circle cx="400" cy="340" r="${170 + (seed % 60)}" fill="hsl(${hue + 30} 45% 62%)"/>`
      : `<rect x="220" y="160" width="360" height="360" rx="${24 + (seed % 80)}" fill="hsl(${hue + 30} 45% 62%)"/>`;
  const text = lines
    .map(
      (line, i) =>
        `<text x="400" y="${640 + i * 56}" text-anchor="middle" font-family="system-ui, sans-serif" font-size="44" fill="hsl(${hue} 40% 20%)">${escapeXml(line)}</text>`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800" role="img"><rect width="800" height="800" fill="hsl(${hue} 50% 88%)"/>${shape}${text}</svg>`;
}

/**
 * The seed catalog's pictures: `placeholders/<name>-<view>.png`, drawn from the name, so a fresh
 * clone looks like a shop without shipping hundreds of image files. Real photos are uploaded.
 */
const PLACEHOLDER = /^placeholders\/([a-z0-9]+(?:-[a-z0-9]+)*)-([1-9])\.png$/;

export function isPlaceholderKey(key: string): boolean {
  return PLACEHOLDER.test(key);
}

/**
 * The stored picture under `key`; a placeholder that has not been drawn yet is drawn, stored and
 * returned (once: the next read finds the file). Null when there is no such picture.
 */
export async function readOrDrawPicture(storage: MediaStorage, key: string): Promise<Buffer | null> {
  const stored = await storage.read(key);
  if (stored) return stored;
  const match = PLACEHOLDER.exec(key);
  if (!match) return null;
  const [, name = "", view = "1"] = match;
  const png = await sharp(Buffer.from(drawPlaceholder(name, Number(view))))
    .png()
    .toBuffer();
  await storage.write(key, png);
  return png;
}
