// The development mailbox shows every stored message, sign-in links included: it exists only
// where mail is kept in the database on a developer's machine.

/**
 * Whether /dev/mailbox may answer: never in production, and never when real mail goes out
 * (SMTP_URL set; a blank value counts as unset, as it does for the mailer).
 */
export function devMailboxEnabled(env: {
  NODE_ENV?: string | undefined;
  SMTP_URL?: string | undefined;
}): boolean {
  return env.NODE_ENV !== "production" && !env.SMTP_URL?.trim();
}
