"use server";

import { formError, field, type FormState } from "~/server/form-state";
import { actionCaller } from "~/server/session";

export async function updateProfile(_previous: FormState, form: FormData): Promise<FormState> {
  const name = field(form, "name");
  try {
    const user = await (await actionCaller()).account.updateProfile({ name });
    return { ok: true, message: "Your profile was saved.", values: { name: user.name ?? "" } };
  } catch (error) {
    return formError(error, { name });
  }
}
