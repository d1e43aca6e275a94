import { localMediaStorage, mediaType, readMediaEnv, readOrDrawPicture } from "@bazaar/media";

// Pictures from media storage (MEDIA_DIR, by default `media/` in the data folder). Pages show
// them through next/image, which resizes and re-encodes them (next.config.ts `images`).
const storage = localMediaStorage(readMediaEnv().MEDIA_DIR);

export async function GET(_request: Request, { params }: RouteContext<"/media/[...key]">) {
  const key = (await params).key.join("/");
  const type = mediaType(key);
  const bytes = type ? await readOrDrawPicture(storage, key) : null;
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
