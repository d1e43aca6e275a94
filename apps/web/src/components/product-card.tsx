import type { RouterOutputs } from "@bazaar/api";
import { formatMoney } from "@bazaar/validators";
import Image from "next/image";
import Link from "next/link";

export type ProductCardData = RouterOutputs["catalog"]["featured"][number];

export function ProductCard({ product }: { product: ProductCardData }) {
  return (
    <article className="group relative flex flex-col">
      <div className="aspect-square overflow-hidden rounded-lg bg-gray-100">
        {product.image && (
          <Image
            src={product.image.url}
            alt={product.image.alt}
            width={product.image.width}
            height={product.image.height}
            // Seed images are SVG drawn by our own route; nothing for the optimiser to do.
            unoptimized
            className="h-full w-full object-cover transition group-hover:opacity-90"
          />
        )}
      </div>
      <h3 className="mt-3 text-sm font-medium">
        <Link href={`/products/${product.slug}`} className="after:absolute after:inset-0">
          {product.name}
        </Link>
      </h3>
      <p className="text-sm text-gray-500">{product.category.name}</p>
      <p className="mt-1 text-sm font-semibold">
        {product.inStock ? (
          formatMoney(product.priceFrom)
        ) : (
          <span className="text-gray-500">Out of stock</span>
        )}
      </p>
    </article>
  );
}

export function ProductList({ products, label }: { products: ProductCardData[]; label: string }) {
  return (
    <ul aria-label={label} className="grid grid-cols-2 gap-x-4 gap-y-8 md:grid-cols-4">
      {products.map((product) => (
        <li key={product.id}>
          <ProductCard product={product} />
        </li>
      ))}
    </ul>
  );
}
