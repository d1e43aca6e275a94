// Media storage on a real folder and a real bucket: keys that may be stored, atomic replacement,
// and placeholders drawn once on first read.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";

import { isPlaceholderKey, readOrDrawPicture } from "./placeholder.ts";
import { mediaStorageFromEnv, readMediaEnv } from "./env.ts";
import { localMediaStorage, mediaType } from "./storage.ts";
import { startTestBucket } from "./testing.ts";

const root = await mkdtemp(path.join(tmpdir(), "bazaar-media-"));
afterAll(() => rm(root, { recursive: true, force: true }));
const storage = localMediaStorage(root);

describe("media keys", () => {
  it.each([
    ["products/linen-shirt-1.png", "image/png"],
    ["uploads/2026/11/a_b.jpeg", "image/jpeg"],
    ["x.webp", "image/webp"],
  ])("accepts %s as %s", (key, type) => {
    expect(mediaType(key)).toBe(type);
  });

  it.each([
    "../secret.png",
    "products/../../etc/passwd.png",
    "/etc/x.png",
    ".hidden.png",
    "products/.x.png",
    "Products/x.png",
    "products//x.png",
    "products/x.svg",
    "products/x.png.exe",
    "products/x",
    "products\\x.png",
    "a/b/c/d/e/f.png",
    "",
  ])("refuses %j", async (key) => {
    expect(mediaType(key)).toBeNull();
    expect(await storage.read(key)).toBeNull();
    await expect(storage.write(key, new Uint8Array([1]))).rejects.toThrow(/not a media key/);
    await expect(storage.delete(key)).rejects.toThrow(/not a media key/);
  });
});

// The contract every MediaStorage keeps: the folder, and a bucket on a real S3-compatible server.
const bucket = await startTestBucket();
afterAll(() => bucket.close());
const bucketStorage = mediaStorageFromEnv(readMediaEnv({ ...bucket.settings, BAZAAR_DATA_DIR: root }));

describe.each([
  ["localMediaStorage", storage],
  ["s3MediaStorage", bucketStorage],
])("%s", (_name, subject) => {
  it("reads back what it wrote, null for what it never did, and replaces whole", async () => {
    expect(await subject.read("uploads/a.png")).toBeNull();
    await subject.write("uploads/a.png", new Uint8Array([1, 2, 3]));
    expect([...((await subject.read("uploads/a.png")) ?? [])]).toEqual([1, 2, 3]);
    await subject.write("uploads/a.png", new Uint8Array([9]));
    expect([...((await subject.read("uploads/a.png")) ?? [])]).toEqual([9]);
  });

  it("deletes a file, and deleting one that is not there does nothing", async () => {
    await subject.write("uploads/b/c.webp", new Uint8Array([4]));
    await subject.delete("uploads/b/c.webp");
    expect(await subject.read("uploads/b/c.webp")).toBeNull();
    await expect(subject.delete("uploads/b/c.webp")).resolves.toBeUndefined();
    await expect(subject.delete("uploads/never.png")).resolves.toBeUndefined();
  });
});

describe("localMediaStorage's folder", () => {
  it("keeps no temporary files beside what it wrote", async () => {
    await storage.write("uploads/a.png", new Uint8Array([5]));
    expect(await readdir(path.join(root, "uploads"))).toContain("a.png");
    expect((await readdir(path.join(root, "uploads"))).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});

describe("placeholders", () => {
  it("knows a placeholder key from any other", () => {
    expect(isPlaceholderKey("placeholders/linen-shirt-2.png")).toBe(true);
    expect(isPlaceholderKey("placeholders/linen-shirt-0.png")).toBe(false);
    expect(isPlaceholderKey("placeholders/linen-shirt.png")).toBe(false);
    expect(isPlaceholderKey("uploads/linen-shirt-1.png")).toBe(false);
  });

  it("draws a missing placeholder once, as an 800x800 PNG stored under its key", async () => {
    const key = "placeholders/navy-linen-overshirt-1.png";
    expect(await storage.read(key)).toBeNull();
    const drawn = await readOrDrawPicture(storage, key);
    expect(drawn).not.toBeNull();
    const meta = await sharp(drawn ?? Buffer.alloc(0)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 800, 800]);
    expect((await storage.read(key))?.equals(drawn ?? Buffer.alloc(0))).toBe(true);
    // Another view is another picture.
    const other = await readOrDrawPicture(storage, "placeholders/navy-linen-overshirt-2.png");
    expect(other?.equals(drawn ?? Buffer.alloc(0))).toBe(false);
  });

  it("does not invent anything that is not a placeholder", async () => {
    expect(await readOrDrawPicture(storage, "uploads/missing.png")).toBeNull();
    expect(await readOrDrawPicture(storage, "placeholders/../x-1.png")).toBeNull();
  });
});
