import type { RouterOutputs } from "@bazaar/api";
import { Link } from "expo-router";
import { Image, Pressable, StyleSheet, Text, View } from "react-native";

import { apiUrl } from "../env";
import { Price } from "./controls";
import { colors, layout, text } from "./theme";

export type ProductCardData = RouterOutputs["catalog"]["products"]["items"][number];

const cardStyle = StyleSheet.flatten([layout.card, layout.row]);

export function ProductCard({ product }: { product: ProductCardData }) {
  return (
    <Link href={{ pathname: "/product/[slug]", params: { slug: product.slug } }} asChild>
      {/* One style object: Link's asChild spreads the child's style, and an array would not survive. */}
      <Pressable role="link" aria-label={product.name} style={cardStyle}>
        {product.image ? (
          <Image
            source={{ uri: apiUrl(product.image.url) }}
            accessibilityLabel={product.image.alt}
            style={{ width: 64, height: 64, borderRadius: 6, backgroundColor: colors.border }}
          />
        ) : (
          <View style={{ width: 64, height: 64, borderRadius: 6, backgroundColor: colors.border }} />
        )}
        <View style={{ flex: 1, gap: 2 }}>
          <Text style={text.heading}>{product.name}</Text>
          <Text style={text.muted}>{product.category.name}</Text>
          <View style={layout.row}>
            <Price money={product.priceFrom} />
            {product.compareAtFrom ? (
              <Text style={[text.muted, { textDecorationLine: "line-through" }]}>
                <Price money={product.compareAtFrom} style={{ fontWeight: "400", color: colors.muted }} />
              </Text>
            ) : null}
            {!product.inStock ? <Text style={text.error}>Out of stock</Text> : null}
          </View>
        </View>
      </Pressable>
    </Link>
  );
}
