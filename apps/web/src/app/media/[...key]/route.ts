import { logger } from "@bazaar/api/logger";
import {
  mediaStorageFromEnv,
  MediaUnavailableError,
  mediaType,
  readOrDrawPicture,
  type MediaStorage,
} from "@bazaar/media";

// Pictures from media storage (MEDIA_STORAGE: a folder, by default `media/` in the data folder, or
// a bucket). Pages show them through next/image, which resizes and re-encodes them
// (next.config.ts `images`). Made on first use: settings are not read while the app is built.
let storage: MediaStorage | undefined;
const RETRY_AFTER_SECONDS = 5;

export async function GET(_request: Request, { params }: RouteContext<"/media/[...key]">) {
  const key = (await params).key.join("/");
  const type = mediaType(key);
  let bytes: Buffer | null = null;
  try {
    bytes = type ? await readOrDrawPicture((storage ??= mediaStorageFromEnv()), key) : null;
  } catch (error) {
    if (!(error instanceof MediaUnavailableError)) throw error;
    logger.warn({ key, err: error.cause }, "media storage unavailable");
    return new Response("Pictures are unavailable right now.", {
      status: 503,
      headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" },
    });
  }
  if (!type || !bytes) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": type,
      "Content-Length": String(bytes.byteLength),
      "Cache-Control": "public, max-age=86400",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
