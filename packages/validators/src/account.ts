import { z } from "zod";

import { recordIdSchema } from "./admin.ts";
import { lineText } from "./text.ts";

/** Addresses compare lower-cased and trimmed: one account per mailbox. */
export const emailSchema = lineText()
  .trim()
  .toLowerCase()
  .max(254, "is too long")
  .pipe(z.email("must be an email address"));

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** Length rules a form can check as you type; the server also refuses common passwords. */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);

export const signUpInput = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: lineText().trim().min(1, "is required").max(100, "is too long").optional(),
});

export const signInInput = z.object({
  email: emailSchema,
  // No length rules when signing in: a wrong password is just wrong, whatever its length.
  password: z.string().min(1, "is required").max(PASSWORD_MAX, "is too long"),
});

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, "is required").max(PASSWORD_MAX, "is too long"),
  newPassword: passwordSchema,
});

export const sessionIdInput = z.object({ sessionId: recordIdSchema });

/** A token from a mailed link; its exact shape is checked where it is used. */
export const linkTokenInput = z.object({ token: z.string().min(1, "is required").max(128, "is too long") });

export const emailOnlyInput = z.object({ email: emailSchema });

export const resetPasswordInput = z.object({
  token: z.string().min(1, "is required").max(128, "is too long"),
  newPassword: passwordSchema,
});

export const updateProfileInput = z.object({
  name: lineText().trim().min(1, "is required").max(100, "is too long"),
});

/** Deleting an account: type its address; accounts with a password also give it. */
export const deleteAccountInput = z.object({
  confirmEmail: emailSchema,
  password: z.string().max(PASSWORD_MAX, "is too long").optional(),
});
