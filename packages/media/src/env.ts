import path from "node:path";

import { S3Client } from "@aws-sdk/client-s3";
import { readDbEnv } from "@bazaar/db/env";
import { z } from "zod";

import { s3MediaStorage } from "./s3-storage.ts";
import { localMediaStorage, type MediaStorage } from "./storage.ts";

const blankIsUnset = (value: unknown) => (value === "" ? undefined : value);
const optionalText = z.preprocess(blankIsUnset, z.string().min(1).optional());

const mediaSchema = z
  .object({
    /** `local` (a folder: the default) or `s3` (a bucket every instance shares). */
    MEDIA_STORAGE: z.preprocess(blankIsUnset, z.enum(["local", "s3"]).default("local")),
    MEDIA_DIR: optionalText,
    S3_BUCKET: optionalText,
    /** An S3-compatible server's URL (MinIO, R2, a test server); unset means AWS itself. */
    S3_ENDPOINT: z.preprocess(blankIsUnset, z.url({ protocol: /^https?$/ }).optional()),
    S3_REGION: z.preprocess(blankIsUnset, z.string().min(1).default("us-east-1")),
    S3_ACCESS_KEY_ID: optionalText,
    S3_SECRET_ACCESS_KEY: optionalText,
    /** Objects go under this prefix, so a bucket can be shared ("media/"). */
    S3_PREFIX: z.preprocess(
      blankIsUnset,
      z
        .string()
        .regex(/^(?:[a-z0-9_-]+\/)*$/)
        .default(""),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.MEDIA_STORAGE !== "s3") return;
    if (!env.S3_BUCKET)
      ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "is needed when MEDIA_STORAGE=s3" });
    if (!env.S3_ACCESS_KEY_ID !== !env.S3_SECRET_ACCESS_KEY)
      ctx.addIssue({
        code: "custom",
        path: ["S3_SECRET_ACCESS_KEY"],
        message: "and S3_ACCESS_KEY_ID go together (or both unset, for the SDK's own credentials)",
      });
  });

export type MediaEnv = z.infer<typeof mediaSchema> & { MEDIA_DIR: string };

/** Where pictures are stored: MEDIA_DIR (or `media/` in the data folder), or a bucket. */
export function readMediaEnv(source: Record<string, string | undefined> = process.env): MediaEnv {
  const parsed = mediaSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid media settings:\n${lines.join("\n")}`);
  }
  return {
    ...parsed.data,
    MEDIA_DIR: parsed.data.MEDIA_DIR ?? path.join(readDbEnv(source).BAZAAR_DATA_DIR, "media"),
  };
}

/** The storage these settings pick. */
export function mediaStorageFromEnv(env: MediaEnv = readMediaEnv()): MediaStorage {
  if (env.MEDIA_STORAGE === "local") return localMediaStorage(env.MEDIA_DIR);
  const client = new S3Client({
    region: env.S3_REGION,
    ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT, forcePathStyle: true } : {}),
    ...(env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
      ? { credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY } }
      : {}),
  });
  return s3MediaStorage({ bucket: env.S3_BUCKET ?? "", prefix: env.S3_PREFIX, client });
}
