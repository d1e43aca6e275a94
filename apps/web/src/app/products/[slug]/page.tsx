import { logger } from "@bazaar/api";
import type { Metadata } from "next";
import { cache, Suspense } from "react";

import { Breadcrumbs } from "~/components/breadcrumbs";
import { ProductList, type ProductCardData } from "~/components/product-card";
import { VariantPicker } from "~/components/variant-picker";
import { productJsonLd, serializeJsonLd } from "~/lib/json-ld";
import { appUrl, shopUrl } from "~/server/app-url";
import { orNotFound } from "~/server/or-not-found";
import { trpc } from "~/trpc/server";
import { ShopImage } from "~/components/shop-image";

export const dynamic = "force-dynamic";

const RELATED_LIMIT = 4;

// generateMetadata and the page share one lookup per request.
const getProduct = cache((slug: string) => orNotFound(trpc.catalog.productBySlug({ slug })));

/** A description short enough for a search result or a link preview. */
function summary(text: string, max = 160): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2))}…`;
}

export async function generateMetadata({ params }: PageProps<"/products/[slug]">): Promise<Metadata> {
  const product = await getProduct((await params).slug);
  const url = shopUrl(`/products/${product.slug}`);
  const description = summary(product.description);
  const image = product.images[0];
  return {
    title: product.name,
    description,
    alternates: { canonical: url },
    openGraph: {
      title: product.name,
      description,
      url,
      type: "website",
      siteName: "Bazaar",
      ...(image
        ? { images: [{ url: shopUrl(image.url), width: image.width, height: image.height, alt: image.alt }] }
        : {}),
    },
  };
}

export default async function ProductPage({ params }: PageProps<"/products/[slug]">) {
  const product = await getProduct((await params).slug);
  const [cover, ...others] = product.images;
  const url = shopUrl(`/products/${product.slug}`);
  return (
    <div>
      <script
        type="application/ld+json"
        // serializeJsonLd escapes <, > and &: a description cannot close the script element.
        dangerouslySetInnerHTML={{
          __html: serializeJsonLd(productJsonLd(product, { url, appUrl: appUrl() })),
        }}
      />
      <Breadcrumbs
        trail={[
          { name: "Home", href: "/" },
          { name: product.category.name, href: `/categories/${product.category.slug}` },
          { name: product.name },
        ]}
      />
      <div className="grid gap-8 md:grid-cols-2">
        <div>
          {cover && (
            <ShopImage
              src={cover.url}
              alt={cover.alt}
              width={cover.width}
              height={cover.height}
              sizes="(min-width: 768px) 50vw, 100vw"
              priority
              className="w-full rounded-lg bg-gray-100"
            />
          )}
          {others.length > 0 && (
            <ul aria-label="More images" className="mt-4 grid grid-cols-4 gap-2">
              {others.map((image) => (
                <li key={image.id}>
                  <ShopImage
                    src={image.url}
                    alt={image.alt}
                    width={image.width}
                    height={image.height}
                    sizes="(min-width: 768px) 12vw, 25vw"
                    className="rounded bg-gray-100"
                  />
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h1 className="text-3xl font-bold">{product.name}</h1>
          <VariantPicker variants={product.variants} />
          <h2 className="mt-8 text-lg font-semibold">Description</h2>
          <p className="mt-2 leading-relaxed text-gray-700">{product.description}</p>
        </div>
      </div>
      {/* Below the fold: the page is sent without waiting for it. */}
      <Suspense fallback={null}>
        <RelatedProducts slug={product.slug} />
      </Suspense>
    </div>
  );
}

async function RelatedProducts({ slug }: { slug: string }) {
  let related: ProductCardData[];
  try {
    related = await trpc.catalog.related({ slug, limit: RELATED_LIMIT });
  } catch (error) {
    // A product page without its "related" strip is still a product page.
    logger.warn({ err: error, slug }, "related products failed; showing the page without them");
    return null;
  }
  if (related.length === 0) return null;
  return (
    <section aria-labelledby="related-heading" className="mt-16">
      <h2 id="related-heading" className="mb-4 text-2xl font-semibold">
        You may also like
      </h2>
      <ProductList products={related} label="Related products" />
    </section>
  );
}
