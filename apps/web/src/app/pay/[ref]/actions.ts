"use server";

import { answerTestChallenge, paymentsFromEnv, submitTestCard } from "@bazaar/api";
import { readAuthEnv, signingSecret } from "@bazaar/auth";
import { redirect } from "next/navigation";

import { getDb } from "~/server/db";
import { field, formError, type FormState } from "~/server/form-state";

export interface PayState extends FormState {
  /** Set when the card asked for a second step: the page shows it. */
  challenge?: string;
}

const options = () => ({
  secret: signingSecret(readAuthEnv().AUTH_SECRET),
  deliveryDelayMs: paymentsFromEnv().testDeliveryDelayMs,
});

/** The card form: one submission per payment; the outcome reaches the shop later, by webhook. */
export async function payWithCard(
  providerRef: string,
  _previous: PayState,
  form: FormData,
): Promise<PayState> {
  const cardNumber = field(form, "cardNumber");
  let result;
  try {
    result = await submitTestCard(getDb(), { providerRef, cardNumber, ...options() });
  } catch (error) {
    return formError(error, { cardNumber });
  }
  if (result.challenge) return { challenge: result.challenge };
  redirect(result.returnUrl ?? "/");
}

/** The second step's two buttons: approve or refuse. */
export async function answerChallenge(
  providerRef: string,
  _previous: PayState,
  form: FormData,
): Promise<PayState> {
  const challenge = field(form, "challenge");
  let result;
  try {
    result = await answerTestChallenge(getDb(), {
      providerRef,
      challenge,
      approve: field(form, "answer") === "approve",
      ...options(),
    });
  } catch (error) {
    return { ...formError(error, {}, { hiddenFields: ["challenge"] }), challenge };
  }
  redirect(result.returnUrl ?? "/");
}
