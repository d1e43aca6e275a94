"use server";

import { TRPCError } from "@trpc/server";
import { revalidatePath } from "next/cache";

import { formError, field, type FormState } from "~/server/form-state";
import { actionCaller } from "~/server/session";

import { ROLE_NAMES } from "./roles";

/** An admin gives someone a role; the server refuses to leave the shop without an admin (409). */
export async function setRole(_previous: FormState, form: FormData): Promise<FormState> {
  const userId = field(form, "userId");
  const role = field(form, "role");
  // What the role was when the page was drawn: shown again if the change is refused.
  const unchanged = { role: field(form, "currentRole") };
  try {
    const updated = await (
      await actionCaller()
    ).admin.customers.setRole({
      userId,
      // The schema refuses anything but the three roles; the cast only satisfies the compiler.
      role: role as keyof typeof ROLE_NAMES,
    });
    revalidatePath(`/admin/customers/${userId}`);
    revalidatePath("/admin/customers");
    revalidatePath("/admin/audit");
    return { ok: true, message: `Saved: ${ROLE_NAMES[updated.role]}.`, values: { role: updated.role } };
  } catch (error) {
    // No longer an admin (demoted in another tab): say so rather than show a raw refusal.
    if (error instanceof TRPCError && error.code === "FORBIDDEN")
      return { message: "Only admins can change roles.", values: unchanged };
    return formError(error, unchanged);
  }
}
