import type { RouterOutputs } from "@bazaar/api";
import { formatMoney, ORDER_STATUS_TEXT, shippingAddressLines } from "@bazaar/validators";
import { useLocalSearchParams } from "expo-router";
import { ScrollView, Text, View } from "react-native";

import { trpc } from "../../src/api/trpc";
import { openPaymentPage } from "../../src/payments";
import { AmountRow, Button, FormError, Price } from "../../src/ui/controls";
import { serverErrors } from "../../src/ui/forms";
import { QueryView } from "../../src/ui/states";
import { colors, layout, text } from "../../src/ui/theme";

type Order = RouterOutputs["orders"]["get"];

/** One order, kept live: it turns paid when the payment lands and shipped when staff ship it. */
export default function OrderScreen() {
  const { id } = useLocalSearchParams<{ id: string }>();
  const utils = trpc.useUtils();
  // Read afresh whenever the screen opens, besides the live updates: the status may have moved
  // while the app was closed, or where server-sent events do not get through.
  const order = trpc.orders.get.useQuery({ orderId: id }, { staleTime: 0 });
  trpc.orders.progress.useSubscription(
    { orderId: id },
    {
      enabled: order.data !== undefined,
      onData: (progress) =>
        utils.orders.get.setData({ orderId: id }, (old) => (old ? { ...old, ...progress } : old)),
    },
  );
  return <QueryView query={order}>{(data) => <OrderDetails order={data} />}</QueryView>;
}

function OrderDetails({ order }: { order: Order }) {
  const pay = trpc.payments.start.useMutation({ onSuccess: (payment) => openPaymentPage(payment.pagePath) });
  const money = (amount: number) => ({ amount, currency: order.currency });
  return (
    <ScrollView style={layout.screen} contentContainerStyle={layout.content}>
      <Text role="heading" style={text.title}>
        Order {order.number}
      </Text>
      <Text style={text.body}>
        Status:{" "}
        <Text role="status" style={{ fontWeight: "700" }}>
          {ORDER_STATUS_TEXT[order.status]}
        </Text>
      </Text>
      {order.trackingNumber ? (
        <Text style={text.body}>
          Tracking: {order.carrier} {order.trackingNumber}
        </Text>
      ) : null}
      {order.refundedAmount > 0 ? (
        <Text style={text.body}>Refunded: {formatMoney(money(order.refundedAmount))}</Text>
      ) : null}
      {order.status === "PENDING_PAYMENT" && order.viewer === "placer" ? (
        <>
          <Text style={{ color: colors.notice }}>
            {order.reservedUntil
              ? `Pay by ${order.reservedUntil.toLocaleString()} to keep your items.`
              : "Awaiting payment."}
          </Text>
          <Button
            label={pay.isPending ? "Opening the payment page…" : "Pay now"}
            disabled={pay.isPending}
            onPress={() => pay.mutate({ orderId: order.id })}
          />
          <FormError message={serverErrors(pay.error).message} />
        </>
      ) : null}
      <View style={layout.card}>
        {order.lines.map((line) => (
          <View key={line.sku} style={[layout.row, { justifyContent: "space-between" }]}>
            <Text style={[text.body, { flex: 1 }]}>
              {line.quantity} × {line.productName} ({line.variantName})
            </Text>
            <Price money={money(line.lineAmount)} />
          </View>
        ))}
      </View>
      <View style={{ gap: 4 }}>
        <AmountRow label="Subtotal" amount={order.subtotalAmount} currency={order.currency} />
        <AmountRow label="Shipping" amount={order.shippingAmount} currency={order.currency} />
        <AmountRow label="Tax" amount={order.taxAmount} currency={order.currency} />
        <AmountRow label="Total" amount={order.totalAmount} currency={order.currency} />
      </View>
      <Text style={text.heading}>Shipping to</Text>
      {shippingAddressLines(order).map((line) => (
        <Text key={line} style={text.body}>
          {line}
        </Text>
      ))}
    </ScrollView>
  );
}
