"use server";

import type { WebhookEvent } from "@bazaar/validators";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { field, formError, type FormState } from "~/server/form-state";
import { actionCaller } from "~/server/session";

import { deliveryHref, endpointHref } from "./links";

export interface NewSecretState extends FormState {
  /** The signing secret just made (a new endpoint's, or a rotation's): shown this once, never stored by the page. */
  secret?: string;
}

export interface ReplayState extends FormState {
  /** The new delivery the replay made. */
  deliveryId?: string;
}

/**
 * The form's own fields. The schema refuses any event but the listed ones; the cast only satisfies
 * the compiler. The ticked events go back to the form as one comma-separated value after a refusal.
 */
function endpointFields(form: FormData) {
  const events = form.getAll("events").map(String) as WebhookEvent[];
  const values = { url: field(form, "url"), description: field(form, "description") };
  return { ...values, events, values: { ...values, events: events.join(",") } };
}

export async function createWebhookEndpoint(
  _previous: NewSecretState,
  form: FormData,
): Promise<NewSecretState> {
  const { url, description, events, values } = endpointFields(form);
  try {
    const made = await (await actionCaller()).admin.webhooks.create({ url, description, events });
    revalidatePath("/admin/webhooks");
    return {
      ok: true,
      message: `Added ${made.endpoint.url}. Copy the secret now: it is not shown again.`,
      secret: made.secret,
    };
  } catch (error) {
    return formError(error, values);
  }
}

/** Change an endpoint's address, note and events. */
export async function updateWebhookEndpoint(_previous: FormState, form: FormData): Promise<FormState> {
  const endpointId = field(form, "endpointId");
  const { url, description, events, values } = endpointFields(form);
  try {
    await (await actionCaller()).admin.webhooks.update({ endpointId, url, description, events });
    revalidatePath(endpointHref(endpointId));
    revalidatePath("/admin/webhooks");
    return { ok: true, message: "Saved.", values };
  } catch (error) {
    return formError(error, values, { hiddenFields: ["endpointId"] });
  }
}

const untilFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** A new signing secret for an endpoint; the old one keeps signing for the chosen hours. */
export async function rotateWebhookSecret(
  _previous: NewSecretState,
  form: FormData,
): Promise<NewSecretState> {
  const endpointId = field(form, "endpointId");
  const values = { graceHours: field(form, "graceHours") };
  try {
    const rotated = await (
      await actionCaller()
    ).admin.webhooks.rotateSecret({
      endpointId,
      graceHours: Number(values.graceHours),
    });
    revalidatePath(endpointHref(endpointId));
    const until = rotated.endpoint.previousSecretExpiresAt;
    return {
      ok: true,
      message: until
        ? `New secret made. Until ${untilFormat.format(until)} UTC deliveries are signed with it and with the old one; then with it alone. Copy it now: it is not shown again.`
        : "New secret made; the old one no longer signs. Copy it now: it is not shown again.",
      secret: rotated.secret,
      values,
    };
  } catch (error) {
    return formError(error, values, { hiddenFields: ["endpointId"] });
  }
}

/** Switch an endpoint off (it gets no new events) or on again: the button pressed says which. */
export async function setWebhookEndpointEnabled(_previous: FormState, form: FormData): Promise<FormState> {
  const endpointId = field(form, "endpointId");
  const enabled = field(form, "enabled") === "true";
  try {
    await (await actionCaller()).admin.webhooks.update({ endpointId, enabled });
    revalidatePath(endpointHref(endpointId));
    revalidatePath("/admin/webhooks");
    return {
      ok: true,
      message: enabled
        ? "Enabled: new events are sent to it again."
        : "Disabled: it gets no new events, and deliveries waiting for a retry are given up at their next try.",
    };
  } catch (error) {
    return formError(error, {}, { hiddenFields: ["endpointId"] });
  }
}

/** Remove an endpoint and its delivery log, then back to the list. */
export async function deleteWebhookEndpoint(_previous: FormState, form: FormData): Promise<FormState> {
  const endpointId = field(form, "endpointId");
  try {
    await (await actionCaller()).admin.webhooks.delete({ endpointId });
  } catch (error) {
    return formError(error, {}, { hiddenFields: ["endpointId"] });
  }
  revalidatePath("/admin/webhooks");
  redirect("/admin/webhooks?done=deleted");
}

/** Send a delivery's event again, as a new delivery with the same event id and body. */
export async function replayWebhookDelivery(_previous: ReplayState, form: FormData): Promise<ReplayState> {
  const deliveryId = field(form, "deliveryId");
  try {
    const replay = await (await actionCaller()).admin.webhooks.replay({ deliveryId });
    // The endpoint's id only says which page lists the new delivery.
    revalidatePath(endpointHref(field(form, "endpointId")));
    revalidatePath(deliveryHref(deliveryId));
    return { ok: true, message: "Queued again as a new delivery.", deliveryId: replay.deliveryId };
  } catch (error) {
    return formError(error, {}, { hiddenFields: ["deliveryId"] });
  }
}
