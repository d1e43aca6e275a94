import type { RouterOutputs } from "@bazaar/api";
import { addressSchema, placeOrderInput, SHIPPING_COUNTRIES, type ShippingCountry } from "@bazaar/validators";
import { randomUUID } from "expo-crypto";
import { router } from "expo-router";
import { useState } from "react";
import { Pressable, ScrollView, Text, View } from "react-native";

import { trpc } from "../src/api/trpc";
import { useSession } from "../src/auth/session";
import { openPaymentPage } from "../src/payments";
import { AmountRow, Button, Choice, EmailField, Field, FormError, Price } from "../src/ui/controls";
import { checkForm, firstError, serverErrors, type FieldErrors } from "../src/ui/forms";
import { colors, layout, text } from "../src/ui/theme";

type Quote = RouterOutputs["checkout"]["quote"];

const ADDRESS_FIELDS = [
  ["name", "Full name"],
  ["line1", "Address"],
  ["line2", "Apartment, suite (optional)"],
  ["city", "City"],
  ["region", "State / province / region"],
  ["postalCode", "Postal code"],
] as const;

/**
 * Address, shipping and the order: every amount comes from the server's quote. One idempotency
 * key per attempt, so a retry after a dropped connection cannot place the order twice.
 */
export default function CheckoutScreen() {
  const session = useSession();
  const utils = trpc.useUtils();
  const [email, setEmail] = useState("");
  const [address, setAddress] = useState<Record<string, string>>({ country: "US" });
  const [quote, setQuote] = useState<Quote | null>(null);
  const [shippingRate, setShippingRate] = useState<string | null>(null);
  const [formErrors, setFormErrors] = useState<FieldErrors>({});
  const [quoteError, setQuoteError] = useState<unknown>(null);
  const [idempotencyKey] = useState(() => randomUUID());

  const place = trpc.checkout.placeOrder.useMutation({
    onError: (error) => {
      // The cart changed under the shopper: the cart tab shows it as it is now, and the old quote
      // no longer adds up.
      if (error.data?.code !== "CONFLICT") return;
      void utils.cart.get.invalidate();
      setQuote(null);
    },
  });
  const pay = trpc.payments.start.useMutation();
  const placed = serverErrors(place.error);
  const quoteFailed = serverErrors(quoteError);
  const errors = { ...formErrors, ...placed.fieldErrors };
  // Items sold out or ran short: the words say which, and the way on is back to the cart.
  const soldOut = placed.stockConflicts.length > 0 || quoteFailed.stockConflicts.length > 0;
  const backToCart = () => {
    if (router.canGoBack()) router.back();
    else router.replace("/cart");
  };
  const edit = (field: string, value: string) => {
    setAddress((current) => ({ ...current, [field]: value }));
    setQuote(null);
  };

  async function getQuote(rate?: string) {
    const checked = checkForm(addressSchema, address);
    if (!checked.ok) return setFormErrors(prefix("address", checked.fieldErrors));
    setFormErrors({});
    setQuoteError(null);
    try {
      const fresh = await utils.checkout.quote.fetch({ address: checked.data, shippingRate: rate });
      setQuote(fresh);
      setShippingRate(fresh.shipping.code);
    } catch (error) {
      setQuoteError(error);
      const refused = serverErrors(error);
      setFormErrors(refused.fieldErrors);
      // Looking emptied the cart of what sold out: the cart tab must not show it still there.
      if (refused.stockConflicts.length > 0) void utils.cart.get.invalidate();
    }
  }

  async function placeOrder() {
    const checked = checkForm(placeOrderInput, {
      // A signed-in shopper's orders go to their account's address; the server ignores this one.
      email: session.signedIn ? "account@bazaar.invalid" : email,
      address,
      shippingRate,
      idempotencyKey,
    });
    if (!checked.ok) return setFormErrors(checked.fieldErrors);
    const order = await place.mutateAsync(checked.data).catch(() => null);
    if (!order) return;
    await utils.cart.get.invalidate();
    await utils.orders.mine.invalidate();
    router.replace({ pathname: "/order/[id]", params: { id: order.id } });
    const payment = await pay.mutateAsync({ orderId: order.id }).catch(() => null);
    if (payment) await openPaymentPage(payment.pagePath);
  }

  return (
    <ScrollView style={layout.screen} contentContainerStyle={layout.content}>
      {!session.signedIn ? (
        <EmailField value={email} onChangeText={setEmail} error={firstError(errors, "email")} />
      ) : null}
      <Text role="heading" style={text.heading}>
        Shipping address
      </Text>
      {ADDRESS_FIELDS.map(([field, label]) => (
        <Field
          key={field}
          label={label}
          value={address[field] ?? ""}
          onChangeText={(value) => edit(field, value)}
          error={firstError(errors, `address.${field}`)}
        />
      ))}
      <Text style={text.muted}>Country</Text>
      <View role="radiogroup" aria-label="Country" style={[layout.row, { flexWrap: "wrap" }]}>
        {(Object.entries(SHIPPING_COUNTRIES) as [ShippingCountry, string][]).map(([code, name]) => (
          <Choice
            key={code}
            label={name}
            selected={address.country === code}
            onPress={() => edit("country", code)}
          />
        ))}
      </View>
      {firstError(errors, "address.country") ? (
        <Text style={text.error}>Country {firstError(errors, "address.country")}</Text>
      ) : null}
      <FormError message={quoteFailed.message} />
      {!quote ? (
        <Button label="See shipping options" onPress={() => void getQuote()} />
      ) : (
        <QuoteSummary quote={quote} onChoose={(code) => void getQuote(code)} />
      )}
      <FormError message={placed.message ?? serverErrors(pay.error).message} />
      {soldOut ? <Button label="Back to cart" kind="secondary" onPress={backToCart} /> : null}
      {quote ? (
        <Button
          label={place.isPending ? "Placing your order…" : "Place order"}
          disabled={place.isPending || !shippingRate}
          onPress={() => void placeOrder()}
        />
      ) : null}
    </ScrollView>
  );
}

/** The server's quote for the chosen shipping: choosing another asks for a new quote. */
function QuoteSummary({ quote, onChoose }: { quote: Quote; onChoose: (code: string) => void }) {
  return (
    <View style={{ gap: 8 }}>
      <View role="radiogroup" aria-label="Shipping" style={{ gap: 6 }}>
        {quote.options.map((option) => (
          <Pressable
            key={option.code}
            role="radio"
            aria-checked={option.code === quote.shipping.code}
            aria-label={option.name}
            onPress={() => onChoose(option.code)}
            style={[
              layout.card,
              layout.row,
              option.code === quote.shipping.code ? { borderColor: colors.brand, borderWidth: 2 } : null,
            ]}
          >
            <View style={{ flex: 1 }}>
              <Text style={text.body}>{option.name}</Text>
              <Text style={text.muted}>
                {option.minDays}–{option.maxDays} days
              </Text>
            </View>
            <Price money={{ amount: option.amount, currency: option.currency }} />
          </Pressable>
        ))}
      </View>
      <AmountRow label="Subtotal" amount={quote.subtotalAmount} currency={quote.currency} />
      <AmountRow label="Shipping" amount={quote.shipping.amount} currency={quote.currency} />
      <AmountRow label="Tax" amount={quote.taxAmount} currency={quote.currency} />
      <AmountRow label="Total" amount={quote.totalAmount} currency={quote.currency} />
    </View>
  );
}

const prefix = (path: string, errors: FieldErrors): FieldErrors =>
  Object.fromEntries(Object.entries(errors).map(([key, value]) => [`${path}.${key}`, value]));
