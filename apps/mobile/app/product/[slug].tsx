import type { RouterOutputs } from "@bazaar/api";
import { MAX_LINE_QUANTITY } from "@bazaar/validators";
import { Link, Stack, useLocalSearchParams } from "expo-router";
import { useState } from "react";
import { Image, ScrollView, Text, View } from "react-native";

import { trpc } from "../../src/api/trpc";
import { useSession } from "../../src/auth/session";
import { apiUrl } from "../../src/env";
import { Button, Choice, FormError, Price } from "../../src/ui/controls";
import { serverErrors } from "../../src/ui/forms";
import { QueryView } from "../../src/ui/states";
import { colors, layout, text } from "../../src/ui/theme";

/** A product: its pictures, its variants (size, colour ...) with their own price and stock. */
export default function ProductScreen() {
  const { slug } = useLocalSearchParams<{ slug: string }>();
  const product = trpc.catalog.productBySlug.useQuery({ slug });
  return (
    <>
      <Stack.Screen options={{ title: product.data?.name ?? "Product" }} />
      <QueryView query={product}>{(data) => <ProductDetails product={data} />}</QueryView>
    </>
  );
}

type Product = RouterOutputs["catalog"]["productBySlug"];

function ProductDetails({ product }: { product: Product }) {
  const session = useSession();
  const utils = trpc.useUtils();
  const firstInStock = product.variants.find((variant) => variant.inStock) ?? product.variants[0];
  const [variantId, setVariantId] = useState(firstInStock?.id);
  const [quantity, setQuantity] = useState(1);
  const variant = product.variants.find((v) => v.id === variantId);
  const add = trpc.cart.add.useMutation({
    onSuccess: async ({ cart, cartToken }) => {
      if (cartToken) await session.rememberCart(cartToken);
      utils.cart.get.setData(undefined, cart);
    },
  });
  const image = product.images[0];
  return (
    <ScrollView style={layout.screen} contentContainerStyle={layout.content}>
      {image ? (
        <Image
          source={{ uri: apiUrl(image.url) }}
          accessibilityLabel={image.alt}
          style={{ width: "100%", aspectRatio: image.width / image.height, borderRadius: 8 }}
        />
      ) : null}
      <Text role="heading" style={text.title}>
        {product.name}
      </Text>
      <Text style={text.muted}>{product.category.name}</Text>
      {variant ? (
        <View style={layout.row}>
          <Price money={variant.price} style={{ fontSize: 20 }} />
          {variant.compareAt ? (
            <Text style={[text.muted, { textDecorationLine: "line-through" }]}>
              <Price money={variant.compareAt} style={{ fontWeight: "400", color: colors.muted }} />
            </Text>
          ) : null}
        </View>
      ) : null}
      {product.variants.length > 1 ? (
        <View role="radiogroup" aria-label="Variant" style={[layout.row, { flexWrap: "wrap" }]}>
          {product.variants.map((option) => (
            <Choice
              key={option.id}
              label={option.name}
              selected={option.id === variantId}
              dimmed={!option.inStock}
              onPress={() => {
                setVariantId(option.id);
                setQuantity(1);
                add.reset();
              }}
            />
          ))}
        </View>
      ) : null}
      {variant && !variant.inStock ? <Text style={text.error}>Out of stock</Text> : null}
      {variant?.stockLeft ? (
        <Text style={{ color: colors.notice }}>Only {variant.stockLeft} left</Text>
      ) : null}
      {variant?.inStock ? (
        <>
          <View style={layout.row}>
            <Button
              label="Fewer"
              kind="secondary"
              disabled={quantity <= 1}
              onPress={() => setQuantity((n) => Math.max(1, n - 1))}
            />
            <Text aria-label="Quantity" style={[text.heading, { minWidth: 32, textAlign: "center" }]}>
              {quantity}
            </Text>
            <Button
              label="More"
              kind="secondary"
              disabled={quantity >= Math.min(MAX_LINE_QUANTITY, variant.stockLeft ?? MAX_LINE_QUANTITY)}
              onPress={() => setQuantity((n) => n + 1)}
            />
          </View>
          <Button
            label={add.isPending ? "Adding…" : "Add to cart"}
            disabled={add.isPending}
            onPress={() => add.mutate({ variantId: variant.id, quantity })}
          />
        </>
      ) : null}
      <FormError message={serverErrors(add.error).message} />
      {add.isSuccess ? (
        <View role="status" style={[layout.row, { justifyContent: "space-between" }]}>
          <Text style={{ color: colors.success }}>Added to your cart.</Text>
          <Link href="/cart" style={{ color: colors.brand, fontWeight: "600" }}>
            View cart
          </Link>
        </View>
      ) : null}
      <Text style={text.body}>{product.description}</Text>
    </ScrollView>
  );
}
