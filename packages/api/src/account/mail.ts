// Account mail goes through the job queue, added in the transaction of the change that asks for
// it: a mail server that is down delays it, and the queue tries again until it goes. So a request
// answers the same whether or not SMTP is up, and whether or not the address has an account (no
// mail latency to tell them apart). A one-time link is made when its mail is sent, so the queue
// never holds a live token.
import { issueAuthToken, TOKEN_LIFETIME_MINUTES } from "@bazaar/auth";
import type { Db, Prisma } from "@bazaar/db";
import {
  magicLinkMessage,
  resetPasswordMessage,
  verifyEmailMessage,
  type Mailer,
  type MailMessage,
} from "@bazaar/mail";

import { enqueueJob, type JobPayloads } from "../jobs/queue.ts";

export type AccountLinkPurpose = JobPayloads["send-account-link"]["purpose"];

/** The pages the mailed links open (apps/web). */
export const accountLink = (appUrl: string, path: string, token?: string) =>
  token ? `${appUrl}${path}?token=${encodeURIComponent(token)}` : `${appUrl}${path}`;

/** Queue a mail that carries no secret; a waiting one with the same key is replaced. */
export function queueMail(tx: Prisma.TransactionClient, message: MailMessage, key: string) {
  return enqueueJob(tx, "send-mail", { message }, key);
}

/** Queue a one-time link for an account; asking again while one waits leaves one mail. */
export function queueAccountLink(tx: Prisma.TransactionClient, userId: string, purpose: AccountLinkPurpose) {
  return enqueueJob(tx, "send-account-link", { userId, purpose }, `account-link:${purpose}:${userId}`);
}

/** The job's work: a fresh token (the previous unused one of that purpose ends) and its mail. */
export async function sendAccountLink(
  deps: { db: Db; mailer: Mailer; appUrl: string },
  { userId, purpose }: JobPayloads["send-account-link"],
): Promise<"sent" | "no such account" | "already confirmed"> {
  const user = await deps.db.user.findUnique({
    where: { id: userId },
    select: { email: true, name: true, deletedAt: true, emailVerified: true },
  });
  if (!user || user.deletedAt) return "no such account";
  if (purpose === "VERIFY_EMAIL" && user.emailVerified) return "already confirmed";
  const token = await issueAuthToken(deps.db, userId, purpose);
  const to = { to: user.email, name: user.name };
  await deps.mailer.send(
    purpose === "VERIFY_EMAIL"
      ? verifyEmailMessage({
          ...to,
          url: accountLink(deps.appUrl, "/verify-email", token),
          hours: TOKEN_LIFETIME_MINUTES.VERIFY_EMAIL / 60,
        })
      : purpose === "MAGIC_LINK"
        ? magicLinkMessage({
            ...to,
            url: accountLink(deps.appUrl, "/magic-link", token),
            minutes: TOKEN_LIFETIME_MINUTES.MAGIC_LINK,
          })
        : resetPasswordMessage({
            ...to,
            url: accountLink(deps.appUrl, "/reset-password", token),
            minutes: TOKEN_LIFETIME_MINUTES.RESET_PASSWORD,
          }),
  );
  return "sent";
}
