import { Link, router } from "expo-router";
import { Image, ScrollView, Text, View } from "react-native";

import { trpc } from "../../src/api/trpc";
import { apiUrl } from "../../src/env";
import { Button, FormError, Price } from "../../src/ui/controls";
import { serverErrors } from "../../src/ui/forms";
import { QueryView } from "../../src/ui/states";
import { colors, layout, text } from "../../src/ui/theme";

/** The cart, priced by the server on every look; what changed since last time is said on top. */
export default function CartScreen() {
  const utils = trpc.useUtils();
  const cart = trpc.cart.get.useQuery();
  const setQuantity = trpc.cart.setQuantity.useMutation({
    onSuccess: ({ cart: updated }) => utils.cart.get.setData(undefined, updated),
  });
  return (
    <ScrollView style={layout.screen} contentContainerStyle={layout.content}>
      <QueryView query={cart}>
        {(data) =>
          data.lines.length === 0 ? (
            <View style={{ gap: 8 }}>
              <Text style={text.body}>Your cart is empty.</Text>
              <Link href="/" style={{ color: colors.brand, fontWeight: "600" }}>
                Browse the shop
              </Link>
            </View>
          ) : (
            <View style={{ gap: 10 }}>
              {data.changes.map((change) => (
                <Text key={change} role="status" style={{ color: colors.notice }}>
                  {change}
                </Text>
              ))}
              {data.lines.map((line) => (
                <View
                  key={line.variantId}
                  style={layout.card}
                  aria-label={`${line.productName}, ${line.variantName}`}
                >
                  <View style={layout.row}>
                    {line.image ? (
                      <Image
                        source={{ uri: apiUrl(line.image.url) }}
                        accessibilityLabel={line.image.alt}
                        style={{ width: 48, height: 48, borderRadius: 4 }}
                      />
                    ) : null}
                    <View style={{ flex: 1 }}>
                      <Text style={text.heading}>{line.productName}</Text>
                      <Text style={text.muted}>{line.variantName}</Text>
                    </View>
                    <Price money={{ amount: line.lineAmount, currency: line.unitPrice.currency }} />
                  </View>
                  <View style={layout.row}>
                    <Button
                      label={`One fewer ${line.productName}`}
                      kind="secondary"
                      disabled={setQuantity.isPending}
                      onPress={() =>
                        setQuantity.mutate({ variantId: line.variantId, quantity: line.quantity - 1 })
                      }
                    />
                    <Text style={text.heading}>{line.quantity}</Text>
                    <Button
                      label={`One more ${line.productName}`}
                      kind="secondary"
                      disabled={setQuantity.isPending || line.quantity >= line.maxQuantity}
                      onPress={() =>
                        setQuantity.mutate({ variantId: line.variantId, quantity: line.quantity + 1 })
                      }
                    />
                    <Button
                      label={`Remove ${line.productName}`}
                      kind="secondary"
                      disabled={setQuantity.isPending}
                      onPress={() => setQuantity.mutate({ variantId: line.variantId, quantity: 0 })}
                    />
                  </View>
                </View>
              ))}
              <FormError message={serverErrors(setQuantity.error).message} />
              {data.subtotal ? (
                <View style={[layout.row, { justifyContent: "space-between" }]}>
                  <Text style={text.heading}>Subtotal</Text>
                  <Price money={data.subtotal} />
                </View>
              ) : null}
              <Button label="Check out" onPress={() => router.push("/checkout")} />
            </View>
          )
        }
      </QueryView>
    </ScrollView>
  );
}
