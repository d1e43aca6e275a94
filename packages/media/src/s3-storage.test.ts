// Pictures in a bucket, against a real S3-compatible server on loopback (s3rver): the prefix, what
// the settings pick, and an unreachable bucket as a retryable error (the contract: storage.test.ts).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { mediaStorageFromEnv, readMediaEnv } from "./env.ts";
import { readOrDrawPicture } from "./placeholder.ts";
import { MediaUnavailableError } from "./storage.ts";
import { startTestBucket } from "./testing.ts";

const directory = await mkdtemp(path.join(tmpdir(), "bazaar-media-env-"));
const bucket = await startTestBucket();
afterAll(async () => {
  await bucket.close();
  await rm(directory, { recursive: true, force: true });
});

const settings = (overrides: Record<string, string> = {}) =>
  readMediaEnv({
    ...bucket.settings,
    S3_PREFIX: "media/",
    BAZAAR_DATA_DIR: directory,
    ...overrides,
  });
const storage = mediaStorageFromEnv(settings());

describe("s3MediaStorage", () => {
  it("keeps objects under the prefix, so another instance with the same settings sees them", async () => {
    await storage.write("products/x.png", new Uint8Array([7]));
    const other = mediaStorageFromEnv(settings());
    expect([...((await other.read("products/x.png")) ?? [])]).toEqual([7]);
    const unprefixed = mediaStorageFromEnv(settings({ S3_PREFIX: "" }));
    expect(await unprefixed.read("products/x.png")).toBeNull();
    expect([...((await unprefixed.read("media/products/x.png")) ?? [])]).toEqual([7]);
  });

  it("refuses malformed keys as the folder does", async () => {
    expect(await storage.read("../secret.png")).toBeNull();
    await expect(storage.write("../secret.png", new Uint8Array([1]))).rejects.toThrow(/not a media key/);
    await expect(storage.delete("a/../b.png")).rejects.toThrow(/not a media key/);
  });

  it("draws a placeholder once and stores it in the bucket", async () => {
    const first = await readOrDrawPicture(storage, "placeholders/kettle-1.png");
    expect(first?.subarray(1, 4).toString()).toBe("PNG");
    expect((await storage.read("placeholders/kettle-1.png"))?.equals(first ?? Buffer.alloc(0))).toBe(true);
  });

  it("reports an unreachable bucket as MediaUnavailableError, for a 503", async () => {
    const nowhere = mediaStorageFromEnv(settings({ S3_ENDPOINT: "http://127.0.0.1:1" }));
    await expect(nowhere.read("uploads/a.png")).rejects.toBeInstanceOf(MediaUnavailableError);
    await expect(nowhere.write("uploads/a.png", new Uint8Array([1]))).rejects.toBeInstanceOf(
      MediaUnavailableError,
    );
    await expect(nowhere.delete("uploads/a.png")).rejects.toBeInstanceOf(MediaUnavailableError);
  });
});

describe("the media settings", () => {
  it("keep the folder by default", () => {
    expect(readMediaEnv({ BAZAAR_DATA_DIR: directory })).toMatchObject({
      MEDIA_STORAGE: "local",
      MEDIA_DIR: path.join(directory, "media"),
    });
  });

  it.each([
    [{ MEDIA_STORAGE: "s3" }, /S3_BUCKET: is needed/],
    [{ MEDIA_STORAGE: "s3", S3_BUCKET: "b", S3_ACCESS_KEY_ID: "k" }, /S3_SECRET_ACCESS_KEY/],
    [{ MEDIA_STORAGE: "bucket" }, /MEDIA_STORAGE/],
    [{ MEDIA_STORAGE: "s3", S3_BUCKET: "b", S3_ENDPOINT: "ftp://x" }, /S3_ENDPOINT/],
    [{ MEDIA_STORAGE: "s3", S3_BUCKET: "b", S3_PREFIX: "../" }, /S3_PREFIX/],
  ])("refuse %j, naming the variable", (source, message) => {
    expect(() => readMediaEnv({ BAZAAR_DATA_DIR: directory, ...source })).toThrow(message);
  });
});
