"use client";

import { addressSchema, SHIPPING_COUNTRIES, type Address, type ShippingCountry } from "@bazaar/validators";
import { keepPreviousData, skipToken } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";

import { CartChanges, useCartChanges } from "~/components/cart-changes";
import { TextField, SelectField } from "~/components/form";
import { ProblemAlert } from "~/components/problem-alert";
import { fieldErrorsOf, formProblem } from "~/lib/api-errors";
import { api } from "~/trpc/react";

import { attemptKeys } from "./attempt-key";
import { OrderSummary } from "./order-summary";
import { ShippingOptions } from "./shipping-options";

/** The fields this form shows errors beside; a problem with anything else goes on top. */
const FIELDS = [
  "email",
  "address.name",
  "address.line1",
  "address.line2",
  "address.city",
  "address.region",
  "address.postalCode",
  "address.country",
  "shippingRate",
];

/** The form's text fields by name ("" for one that is missing), as they are now. */
function fieldsOf(form: HTMLFormElement): (name: string) => string {
  const data = new FormData(form);
  return (name) => {
    const value = data.get(name);
    return typeof value === "string" ? value : "";
  };
}

function readAddress(field: (name: string) => string) {
  return {
    name: field("address.name"),
    line1: field("address.line1"),
    line2: field("address.line2"),
    city: field("address.city"),
    region: field("address.region"),
    postalCode: field("address.postalCode"),
    // The select offers only these; the server checks it like everything else.
    country: field("address.country") as ShippingCountry,
  };
}

/** Shipping and tax depend on where the order goes, not on whom it is for. */
const sameDestination = (a: Address, b: Address) =>
  a.country === b.country && a.region === b.region && a.postalCode === b.postalCode;

/**
 * Email, shipping address and method, then "Place order and pay": the order is placed, a payment
 * started, and the shopper sent to the payment page. The summary is the server's quote for the
 * address, asked again whenever the destination changes.
 */
export function CheckoutForm({ email }: { email: string | null }) {
  const [cart] = api.cart.get.useSuspenseQuery();
  const utils = api.useUtils();
  // The complete address last quoted for; null while what is typed is not a whole address.
  const [destination, setDestination] = useState<Address | null>(null);
  const [shippingRate, setShippingRate] = useState<string>();
  const [keyFor] = useState(attemptKeys);

  const quote = api.checkout.quote.useQuery(
    destination ? { address: destination, shippingRate } : skipToken,
    {
      placeholderData: keepPreviousData,
      retry: false,
    },
  );
  const quoted = destination ? quote.data : undefined;
  const changes = [...new Set([...useCartChanges(cart), ...useCartChanges(quoted?.cart)])];

  const place = api.checkout.placeOrder.useMutation({
    onError: (error) => {
      // The cart changed under the shopper: show it as it is now, then quote it again, unless
      // nothing is left to quote (its only items sold out).
      if (error.data?.code !== "CONFLICT") return;
      void utils.cart.get.invalidate().then(() => {
        if (utils.cart.get.getData()?.lines.length) void utils.checkout.quote.invalidate();
      });
    },
  });
  const pay = api.payments.start.useMutation({
    onSuccess: ({ pagePath }) => window.location.assign(pagePath),
  });
  const busy = place.isPending || pay.isPending || pay.isSuccess;
  const failure = place.error ?? pay.error ?? quote.error;
  const problem = failure && formProblem(failure, FIELDS);
  const fieldErrors = { ...fieldErrorsOf(quote.error), ...fieldErrorsOf(place.error) };
  const formState = { fieldErrors };
  const conflict = failure?.data?.code === "CONFLICT";
  const reviewCart = (
    <Link href="/cart" className="mt-1 inline-block font-medium underline">
      Review your cart
    </Link>
  );

  if (cart.lines.length === 0) {
    return (
      <div className="space-y-6">
        <CartChanges messages={changes} />
        {conflict ? (
          // Emptied by the refusal (its only items sold out): say what happened, not "empty".
          <ProblemAlert message={problem}>{reviewCart}</ProblemAlert>
        ) : (
          <div className="rounded-lg border border-gray-200 px-6 py-12 text-center">
            <p className="text-lg">Your cart is empty, so there is nothing to check out.</p>
            <Link href="/products" className="mt-4 inline-block font-medium text-brand-700 hover:underline">
              Browse products
            </Link>
          </div>
        )}
      </div>
    );
  }

  const onAddressChange = (form: HTMLFormElement) => {
    const parsed = addressSchema.safeParse(readAddress(fieldsOf(form)));
    if (!parsed.success) return setDestination(null);
    setDestination((last) => (last && sameDestination(last, parsed.data) ? last : parsed.data));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const field = fieldsOf(event.currentTarget);
    const order = {
      email: field("email"),
      address: readAddress(field),
      shippingRate: shippingRate ?? quoted?.shipping.code ?? "",
    };
    pay.reset();
    place.mutate(
      { ...order, idempotencyKey: keyFor(order) },
      { onSuccess: ({ id }) => pay.mutate({ orderId: id }) },
    );
  };

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <form
        aria-label="Checkout"
        noValidate
        onChange={(event) => onAddressChange(event.currentTarget)}
        onSubmit={onSubmit}
        className="space-y-8"
      >
        <CartChanges messages={changes} />
        <ProblemAlert message={problem}>{conflict && reviewCart}</ProblemAlert>

        <section aria-labelledby="contact-heading" className="space-y-4">
          <h2 id="contact-heading" className="text-xl font-semibold">
            Contact
          </h2>
          {email ? (
            <TextField
              label="Email"
              name="email"
              type="email"
              readOnly
              defaultValue={email}
              hint="Your account's address: the receipt goes there."
              state={formState}
            />
          ) : (
            <>
              <TextField
                label="Email"
                name="email"
                type="email"
                autoComplete="email"
                required
                hint="For the receipt and news of your order."
                state={formState}
              />
              <p className="text-sm text-gray-600">
                Have an account?{" "}
                <Link href="/sign-in?next=%2Fcheckout" className="font-medium text-brand-700 hover:underline">
                  Sign in
                </Link>{" "}
                and your cart comes with you.
              </p>
            </>
          )}
        </section>

        <fieldset className="space-y-4">
          <legend className="mb-4 text-xl font-semibold">Shipping address</legend>
          <TextField
            label="Full name"
            name="address.name"
            autoComplete="shipping name"
            required
            state={formState}
          />
          <SelectField
            label="Country"
            name="address.country"
            autoComplete="shipping country"
            options={SHIPPING_COUNTRIES}
            defaultValue="US"
            // Another country has other ways to ship: the server picks its first again.
            onChange={() => setShippingRate(undefined)}
            state={formState}
          />
          <TextField
            label="Address"
            name="address.line1"
            autoComplete="shipping address-line1"
            required
            state={formState}
          />
          <TextField
            label="Apartment, suite, etc. (optional)"
            name="address.line2"
            autoComplete="shipping address-line2"
            state={formState}
          />
          <TextField
            label="City"
            name="address.city"
            autoComplete="shipping address-level2"
            required
            state={formState}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label="State / province"
              name="address.region"
              autoComplete="shipping address-level1"
              hint="Such as CA or ON, where your country has them."
              state={formState}
            />
            <TextField
              label="Postal code"
              name="address.postalCode"
              autoComplete="shipping postal-code"
              required
              state={formState}
            />
          </div>
        </fieldset>

        <ShippingOptions
          options={quoted?.options}
          selected={shippingRate ?? quoted?.shipping.code}
          onSelect={setShippingRate}
          errors={fieldErrors.shippingRate}
        />

        <button
          type="submit"
          disabled={busy || quote.isFetching}
          className="w-full rounded-md bg-brand-700 px-6 py-3 font-medium text-white hover:bg-brand-900 focus:outline-2 focus:outline-offset-2 focus:outline-brand-700 disabled:cursor-wait disabled:opacity-60"
        >
          {busy ? "Placing your order…" : "Place order and pay"}
        </button>
      </form>
      <div className="lg:sticky lg:top-4 lg:self-start">
        <OrderSummary cart={cart} quote={quoted} updating={quote.isFetching} />
      </div>
    </div>
  );
}
