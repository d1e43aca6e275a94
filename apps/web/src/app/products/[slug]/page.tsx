import type { Metadata } from "next";
import Image from "next/image";
import Link from "next/link";
import { cache } from "react";

import { VariantPicker } from "~/components/variant-picker";
import { orNotFound } from "~/server/or-not-found";
import { trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

// generateMetadata and the page share one lookup per request.
const getProduct = cache((slug: string) => orNotFound(trpc.catalog.productBySlug({ slug })));

export async function generateMetadata({ params }: PageProps<"/products/[slug]">): Promise<Metadata> {
  const product = await getProduct((await params).slug);
  return { title: product.name, description: product.description };
}

export default async function ProductPage({ params }: PageProps<"/products/[slug]">) {
  const product = await getProduct((await params).slug);
  const [cover, ...others] = product.images;
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-6 text-sm text-gray-500">
        <ol className="flex gap-2">
          <li>
            <Link href="/" className="hover:text-gray-900">
              Home
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li>
            <Link href={`/categories/${product.category.slug}`} className="hover:text-gray-900">
              {product.category.name}
            </Link>
          </li>
        </ol>
      </nav>
      <div className="grid gap-8 md:grid-cols-2">
        <div>
          {cover && (
            <Image
              src={cover.url}
              alt={cover.alt}
              width={cover.width}
              height={cover.height}
              unoptimized
              priority
              className="w-full rounded-lg bg-gray-100"
            />
          )}
          {others.length > 0 && (
            <ul aria-label="More images" className="mt-4 grid grid-cols-4 gap-2">
              {others.map((image) => (
                <li key={image.id}>
                  <Image
                    src={image.url}
                    alt={image.alt}
                    width={image.width}
                    height={image.height}
                    unoptimized
                    className="rounded bg-gray-100"
                  />
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h1 className="text-3xl font-bold">{product.name}</h1>
          <p className="mt-4 leading-relaxed text-gray-700">{product.description}</p>
          <VariantPicker variants={product.variants} />
        </div>
      </div>
    </div>
  );
}
