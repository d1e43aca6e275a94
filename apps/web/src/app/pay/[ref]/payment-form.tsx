"use client";

import { useActionState } from "react";

import { FormMessage, SubmitButton, TextField } from "~/components/form";

import { answerChallenge, payWithCard, type PayState } from "./actions";

const start: PayState = {};

/** The card form, then (for a card that asks) the second step, like a bank's confirmation screen. */
export function PaymentForm({ providerRef, amount }: { providerRef: string; amount: string }) {
  const [cardState, submitCard] = useActionState(payWithCard.bind(null, providerRef), start);
  const [stepState, answer] = useActionState(answerChallenge.bind(null, providerRef), start);
  const challenge = stepState.challenge ?? cardState.challenge;
  if (challenge) {
    return (
      <form action={answer} aria-label="Confirm the payment" className="space-y-4">
        <h2 className="text-lg font-semibold">Your bank asks you to confirm this payment</h2>
        <p className="text-sm text-gray-700">
          This is the test provider&apos;s second step (like 3-D Secure): approve to pay {amount}, or refuse
          to decline it.
        </p>
        <FormMessage state={stepState} />
        <input type="hidden" name="challenge" value={challenge} />
        <div className="flex gap-3">
          <button
            type="submit"
            name="answer"
            value="approve"
            className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 focus:outline-2 focus:outline-offset-2 focus:outline-brand-700"
          >
            Approve
          </button>
          <button
            type="submit"
            name="answer"
            value="refuse"
            className="rounded-md border border-gray-300 bg-white px-4 py-2 font-medium text-gray-900 hover:bg-gray-50 focus:outline-2 focus:outline-offset-2 focus:outline-brand-700"
          >
            Refuse
          </button>
        </div>
      </form>
    );
  }
  return (
    <form action={submitCard} aria-label="Pay by card" className="space-y-4">
      <FormMessage state={cardState} />
      <TextField
        label="Card number"
        name="cardNumber"
        state={cardState}
        inputMode="numeric"
        autoComplete="cc-number"
        required
        hint="Test cards: 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined, 4000 0025 0000 3155 asks for a second step, 4000 0000 0000 5126 pays but refuses refunds. Any expiry date and CVC."
      />
      <div className="grid grid-cols-2 gap-4">
        <TextField label="Expiry (MM/YY)" name="expiry" autoComplete="cc-exp" defaultValue="12/30" />
        <TextField label="CVC" name="cvc" inputMode="numeric" autoComplete="cc-csc" defaultValue="123" />
      </div>
      <SubmitButton pendingLabel="Paying…" className="w-full">
        Pay {amount}
      </SubmitButton>
    </form>
  );
}
