import { slugSchema } from "@bazaar/validators";

import { drawProductImage } from "~/server/product-image";

/**
 * The seed catalog's pictures: drawn from the slug, so a fresh clone looks like a shop without
 * shipping hundreds of image files. Real product photos will come from uploads (admin issue).
 */
export async function GET(_request: Request, { params }: RouteContext<"/product-images/[slug]/[file]">) {
  const { slug, file } = await params;
  const view = /^([1-9])\.svg$/.exec(file)?.[1];
  if (!slugSchema.safeParse(slug).success || !view) {
    return new Response("Not found", { status: 404 });
  }
  return new Response(drawProductImage(slug, Number(view)), {
    headers: {
      "Content-Type": "image/svg+xml",
      "Cache-Control": "public, max-age=86400",
      // An SVG is a document: never let it run script if opened directly.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
}
