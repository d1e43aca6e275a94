// Inputs of the admin console's people and history pages: customers (and their roles) and the
// audit log. The dashboard takes no input.
import { z } from "zod";

import { emailSchema } from "./account.ts";
import { adminPageInput, recordIdSchema } from "./admin.ts";
import { lineText, withoutUnsafeCharacters } from "./text.ts";

export const USER_ROLES = ["CUSTOMER", "STAFF", "ADMIN"] as const;
export const roleSchema = z.enum(USER_ROLES, "must be customer, staff or admin");

/** Text typed into a search box (control characters dropped): blank means no search. */
const searchText = z
  .string()
  .overwrite(withoutUnsafeCharacters)
  .trim()
  .max(254, "is too long")
  .transform((text) => text || undefined)
  .optional();

/** People with accounts, newest first, by any part of their email or name, optionally one role. */
export const listCustomersInput = adminPageInput.extend({
  search: searchText,
  role: roleSchema.optional(),
});

/** One customer's profile, and a page of their orders (newest first). */
export const getCustomerInput = adminPageInput.extend({ id: recordIdSchema });

/** An admin gives someone a role. */
export const setRoleInput = z.object({ userId: recordIdSchema, role: roleSchema });

/** The kinds of thing staff changes name in the audit log (AuditLog.targetType). */
export const AUDIT_TARGET_TYPES = [
  "product",
  "category",
  "variant",
  "order",
  "user",
  "stock",
  "api_key",
  "webhook_endpoint",
  "webhook_delivery",
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/** A calendar day as a date input sends it (YYYY-MM-DD), read as a UTC day. */
const day = z.iso.date("must be a date (YYYY-MM-DD)");

/** The audit log, newest first; every filter is optional and they combine. */
export const listAuditInput = adminPageInput
  .extend({
    action: lineText().trim().min(1, "is required").max(100, "is too long").optional(),
    actorEmail: emailSchema.optional(),
    targetType: z.enum(AUDIT_TARGET_TYPES, `must be one of ${AUDIT_TARGET_TYPES.join(", ")}`).optional(),
    targetId: recordIdSchema.optional(),
    /** The first day shown, inclusive. */
    from: day.optional(),
    /** The last day shown, inclusive. */
    to: day.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.from && input.to && input.from > input.to)
      ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before the start date" });
  });
