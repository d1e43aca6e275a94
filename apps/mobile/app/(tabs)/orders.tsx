import { ORDER_STATUS_TEXT } from "@bazaar/validators";
import { Link } from "expo-router";
import { Pressable, ScrollView, Text, View } from "react-native";

import { trpc } from "../../src/api/trpc";
import { useSession } from "../../src/auth/session";
import { Price } from "../../src/ui/controls";
import { QueryView } from "../../src/ui/states";
import { colors, layout, text } from "../../src/ui/theme";

/** A signed-in shopper's orders, newest first. */
export default function OrdersScreen() {
  const session = useSession();
  // Statuses move on their own (paid, shipped): refreshed whenever the list is opened.
  const orders = trpc.orders.mine.useQuery(undefined, { enabled: session.signedIn, staleTime: 0 });
  if (!session.signedIn) {
    return (
      <View style={[layout.screen, layout.content]}>
        <Text style={text.body}>Sign in to see your orders.</Text>
        <Link href="/sign-in" style={{ color: colors.brand, fontWeight: "600" }}>
          Sign in
        </Link>
      </View>
    );
  }
  return (
    <ScrollView style={layout.screen} contentContainerStyle={layout.content}>
      <QueryView query={orders}>
        {(list) =>
          list.length === 0 ? (
            <Text style={text.body}>No orders yet.</Text>
          ) : (
            <View style={{ gap: 8 }}>
              {list.map((order) => (
                <Link key={order.id} href={{ pathname: "/order/[id]", params: { id: order.id } }} asChild>
                  <Pressable role="link" aria-label={`Order ${order.number}`} style={layout.card}>
                    <View style={[layout.row, { justifyContent: "space-between" }]}>
                      <Text style={text.heading}>Order {order.number}</Text>
                      <Price money={{ amount: order.totalAmount, currency: order.currency.trim() }} />
                    </View>
                    <Text style={text.muted}>
                      {order.createdAt.toLocaleDateString()} · {ORDER_STATUS_TEXT[order.status]}
                    </Text>
                  </Pressable>
                </Link>
              ))}
            </View>
          )
        }
      </QueryView>
    </ScrollView>
  );
}
