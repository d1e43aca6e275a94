import type { RouterOutputs } from "@bazaar/api";
import Link from "next/link";

import { PriceTag } from "./price-tag";
import { ShopImage } from "./shop-image";

export type ProductCardData = RouterOutputs["catalog"]["products"]["items"][number];

export function ProductCard({ product }: { product: ProductCardData }) {
  return (
    <article className="group relative flex flex-col">
      <div className="aspect-square overflow-hidden rounded-lg bg-gray-100">
        {product.image && (
          <ShopImage
            src={product.image.url}
            alt={product.image.alt}
            width={product.image.width}
            height={product.image.height}
            // Four cards a row on wide screens, two on a phone: the optimiser sends no more pixels.
            sizes="(min-width: 1024px) 25vw, (min-width: 640px) 33vw, 50vw"
            className="h-full w-full object-cover transition group-hover:opacity-90"
          />
        )}
      </div>
      <h3 className="mt-3 text-sm font-medium">
        <Link
          href={`/products/${product.slug}`}
          className="after:absolute after:inset-0 after:rounded-lg focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-offset-2 focus-visible:after:outline-brand-600"
        >
          {product.name}
        </Link>
      </h3>
      <p className="text-sm text-gray-600">{product.category.name}</p>
      <p className="mt-1 text-sm font-semibold">
        {product.inStock ? (
          <PriceTag price={product.priceFrom} compareAt={product.compareAtFrom} />
        ) : (
          <span className="text-gray-600">Out of stock</span>
        )}
      </p>
    </article>
  );
}

export function ProductList({ products, label }: { products: ProductCardData[]; label: string }) {
  return (
    <ul aria-label={label} className="grid grid-cols-2 gap-x-4 gap-y-8 md:grid-cols-3 lg:grid-cols-4">
      {products.map((product) => (
        <li key={product.id}>
          <ProductCard product={product} />
        </li>
      ))}
    </ul>
  );
}
