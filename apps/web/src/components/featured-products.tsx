"use client";

import { api } from "~/trpc/react";

import { ProductList } from "./product-card";

export function FeaturedProducts({ limit }: { limit: number }) {
  const [products] = api.catalog.featured.useSuspenseQuery({ limit });
  return <ProductList products={products} label="Featured products" />;
}
