// Pictures in an S3-compatible bucket, so that every instance behind a load balancer serves what
// any of them stored (docs/decisions/0034). Same contract as the folder: malformed keys are
// refused, a missing object reads as null, a write replaces the object whole (S3 PUTs are atomic).
import type { S3Client } from "@aws-sdk/client-s3";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3ServiceException,
} from "@aws-sdk/client-s3";

import { MediaUnavailableError, mediaType, type MediaStorage } from "./storage.ts";

export interface S3MediaOptions {
  bucket: string;
  /** Objects live under this prefix ("media/"), so a bucket can be shared. */
  prefix?: string;
  client: S3Client;
}

/** Any failure of the bucket (unreachable, refused, timed out) as MediaUnavailableError. */
async function reach<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new MediaUnavailableError(error);
  }
}

export function s3MediaStorage({ bucket, prefix = "", client }: S3MediaOptions): MediaStorage {
  const objectKey = (key: string) => {
    if (!mediaType(key)) throw new Error(`not a media key: ${JSON.stringify(key)}`);
    return `${prefix}${key}`;
  };
  return {
    async read(key) {
      if (!mediaType(key)) return null;
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
        return answer.Body ? Buffer.from(await answer.Body.transformToByteArray()) : null;
      } catch (error) {
        // NoSuchKey, or a bare 404 from servers that answer a miss without the code.
        if (error instanceof NoSuchKey) return null;
        if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return null;
        throw new MediaUnavailableError(error);
      }
    },
    async write(key, bytes) {
      const target = objectKey(key);
      await reach(() =>
        client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: target,
            Body: bytes,
            ContentType: mediaType(key) ?? undefined,
          }),
        ),
      );
    },
    async delete(key) {
      // S3 answers a delete of a missing object with success, as the folder does.
      const target = objectKey(key);
      await reach(() => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: target })));
    },
  };
}
