// Pictures served from a bucket (MEDIA_STORAGE=s3) on a real S3-compatible server, and a 503 with
// Retry-After, not a 500, while the bucket does not answer.
import { mediaStorageFromEnv, readMediaEnv } from "@bazaar/media";
import { startTestBucket } from "@bazaar/media/testing";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

const bucket = await startTestBucket();
afterAll(() => bucket.close());
afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

/** The route as a fresh process would load it, with these settings. */
async function routeWith(settings: Record<string, string>) {
  for (const [name, value] of Object.entries(settings)) vi.stubEnv(name, value);
  const { GET } = await import("./route");
  return (key: string) =>
    GET(new Request(`http://shop.test/media/${key}`), { params: Promise.resolve({ key: key.split("/") }) });
}

describe("GET /media/... from a bucket", () => {
  it("serves what another instance stored there", async () => {
    const elsewhere = mediaStorageFromEnv(readMediaEnv(bucket.settings));
    await elsewhere.write("products/p1/photo.png", new Uint8Array([137, 80, 78, 71]));
    const get = await routeWith(bucket.settings);
    const response = await get("products/p1/photo.png");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([137, 80, 78, 71]);
    expect((await get("products/p1/missing.png")).status).toBe(404);
  });

  it("answers 503 with Retry-After while the bucket does not answer", async () => {
    const get = await routeWith({ ...bucket.settings, S3_ENDPOINT: "http://127.0.0.1:1" });
    const response = await get("products/p1/photo.png");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
  });
});
