// Server-side password rules: the length rules shared with forms, plus a refusal of the passwords
// attackers try first. The list (ranked by frequency) comes from zxcvbn-ts's common dictionary.
import { dictionary } from "@zxcvbn-ts/language-common";
import { PASSWORD_MIN, passwordSchema } from "@bazaar/validators";

/** How many of the most common passwords are refused. */
export const COMMON_PASSWORDS_REFUSED = 20_000;

let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set(
    dictionary["passwords-common"].slice(0, COMMON_PASSWORDS_REFUSED).map((p) => p.toLowerCase()),
  );
  return common.has(password.toLowerCase());
}

/** A new password: 8 to 128 characters and not one of the common ones. */
export const newPasswordSchema = passwordSchema.refine(
  // A too-short password already has its message; one reason at a time.
  (password) => password.length < PASSWORD_MIN || !isCommonPassword(password),
  {
    message: "is one of the most common passwords; choose one that is harder to guess",
  },
);
