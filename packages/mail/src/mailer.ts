// Sending mail: through SMTP when SMTP_URL is set, otherwise into the database, where the
// development mailbox page shows it. Callers never know which.
import type { DbOrTx } from "@bazaar/db";
import { createTransport } from "nodemailer";

import { readMailEnv, type MailEnv } from "./env.ts";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** "smtp" delivers; "database" keeps the message for the development mailbox. */
  readonly transport: "smtp" | "database";
  send(message: MailMessage): Promise<void>;
  /** Close pooled SMTP connections (tests, shutdown). */
  close(): void;
}

/** How long the SMTP server may take to connect, greet, or answer a command. */
const SMTP_TIMEOUT_MS = 10_000;

/**
 * An SMTP mailer; `smtps://` is TLS from the first byte, `smtp://` upgrades with STARTTLS when
 * offered. A server that hangs fails the send within `timeoutMs` rather than holding a job for
 * minutes (nodemailer's own defaults); the queue tries again later.
 */
export function createSmtpMailer(
  smtpUrl: string,
  from: string,
  options: { timeoutMs?: number } = {},
): Mailer {
  const timeoutMs = options.timeoutMs ?? SMTP_TIMEOUT_MS;
  const transport = createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    transport: "smtp",
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
    close() {
      transport.close();
    },
  };
}

/** Keeps mail in the `Email` table for the development mailbox. */
export function createDatabaseMailer(db: DbOrTx): Mailer {
  return {
    transport: "database",
    async send(message) {
      await db.email.create({ data: message });
    },
    close() {
      // Nothing to close: the database client belongs to the caller.
    },
  };
}

export function mailerFromEnv(db: DbOrTx, env: MailEnv = readMailEnv()): Mailer {
  return env.SMTP_URL ? createSmtpMailer(env.SMTP_URL, env.MAIL_FROM) : createDatabaseMailer(db);
}

/** The development mailbox: newest first, optionally for one address. */
export function listMailbox(db: DbOrTx, options: { to?: string; take?: number } = {}) {
  return db.email.findMany({
    where: options.to ? { to: options.to.trim().toLowerCase() } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.take ?? 50,
  });
}
