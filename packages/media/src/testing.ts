// A real S3-compatible server on loopback (s3rver) with one empty bucket, for tests of anything
// that stores pictures in a bucket; and the media settings that point at it.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- s3rver ships no types: ours, for every package that compiles this file
/// <reference path="./s3rver.d.ts" />
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import S3rver from "s3rver";

export interface TestBucket {
  /** MEDIA_STORAGE=s3 settings for this bucket (spread into readMediaEnv's source). */
  settings: Record<string, string>;
  close(): Promise<void>;
}

export async function startTestBucket(bucket = "shop-media"): Promise<TestBucket> {
  const directory = await mkdtemp(path.join(tmpdir(), "bazaar-s3-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  return {
    settings: {
      MEDIA_STORAGE: "s3",
      S3_BUCKET: bucket,
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
    },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
