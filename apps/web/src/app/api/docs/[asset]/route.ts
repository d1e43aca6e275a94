import { docsAsset } from "../swagger-ui";

/** Swagger UI's script and stylesheet (from the swagger-ui-dist package) and the page's start-up script. */
export async function GET(_req: Request, { params }: { params: Promise<{ asset: string }> }) {
  const asset = await docsAsset((await params).asset);
  if (!asset) return new Response("Not found", { status: 404 });
  return new Response(asset.body, {
    headers: { "content-type": asset.type, "cache-control": "public, max-age=86400" },
  });
}
