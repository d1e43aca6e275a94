import { Stack, useLocalSearchParams } from "expo-router";

import { trpc } from "../../src/api/trpc";
import { ProductList } from "../../src/ui/product-list";

/** One category's products (its subcategories' too), newest first, a page at a time. */
export default function CategoryScreen() {
  const { slug } = useLocalSearchParams<{ slug: string }>();
  const category = trpc.catalog.categoryBySlug.useQuery({ slug });
  const products = trpc.catalog.products.useInfiniteQuery(
    { categorySlug: slug, limit: 20 },
    { getNextPageParam: (page) => page.nextCursor },
  );
  return (
    <>
      <Stack.Screen options={{ title: category.data?.name ?? "Category" }} />
      <ProductList query={products} empty="Nothing in this category yet." />
    </>
  );
}
