import type { RouterOutputs } from "@bazaar/api";
import { FlatList, Text } from "react-native";

import { ProductCard } from "./product-card";
import { Loading, QueryView, type QueryLike } from "./states";
import { layout, text } from "./theme";

type ProductPage = RouterOutputs["catalog"]["products"];

interface ProductPagesQuery extends QueryLike<{ pages: ProductPage[] }> {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** A listing that loads its next page as the shopper scrolls to its end. */
export function ProductList({ query, empty }: { query: ProductPagesQuery; empty: string }) {
  return (
    <QueryView query={query}>
      {(data) => {
        const items = data.pages.flatMap((page) => page.items);
        const total = data.pages[0]?.total ?? 0;
        return (
          <FlatList
            style={layout.screen}
            contentContainerStyle={layout.content}
            data={items}
            keyExtractor={(product) => product.id}
            renderItem={({ item }) => <ProductCard product={item} />}
            ListHeaderComponent={
              items.length > 0 ? (
                <Text style={text.muted}>{total === 1 ? "1 product" : `${total} products`}</Text>
              ) : null
            }
            ListEmptyComponent={<Text style={text.body}>{empty}</Text>}
            ListFooterComponent={query.isFetchingNextPage ? <Loading label="Loading more" /> : null}
            onEndReachedThreshold={0.5}
            onEndReached={() => {
              if (query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
            }}
          />
        );
      }}
    </QueryView>
  );
}
