"use server";

import type { ApiKeyScope } from "@bazaar/validators";
import { revalidatePath } from "next/cache";

import { formError, field, type FormState } from "~/server/form-state";
import { actionCaller } from "~/server/session";

export interface NewKeyState extends FormState {
  /** The key just made: shown this once, never stored by the page. */
  key?: string;
}

export async function createApiKey(_previous: NewKeyState, form: FormData): Promise<NewKeyState> {
  const name = field(form, "name");
  // The schema refuses anything but the listed scopes; the cast only satisfies the compiler.
  const scopes = form.getAll("scopes").map(String) as ApiKeyScope[];
  try {
    const made = await (await actionCaller()).admin.apiKeys.create({ name, scopes });
    revalidatePath("/admin/api-keys");
    return {
      ok: true,
      message: `Made “${made.apiKey.name}”. Copy the key now: it is not shown again.`,
      key: made.key,
    };
  } catch (error) {
    return formError(error, { name });
  }
}

export async function revokeApiKey(_previous: FormState, form: FormData): Promise<FormState> {
  try {
    const revoked = await (await actionCaller()).admin.apiKeys.revoke({ apiKeyId: field(form, "apiKeyId") });
    revalidatePath("/admin/api-keys");
    return { ok: true, message: `Revoked “${revoked.name}”.` };
  } catch (error) {
    return formError(error);
  }
}
