// The mail Bazaar sends about accounts. Each has a plain-text part (what many clients show,
// and what tests read) and a small HTML part; everything interpolated into HTML is escaped.
import type { MailMessage } from "./mailer.ts";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

interface Letter {
  to: string;
  subject: string;
  greeting: string | null;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer: string;
}

function compose(letter: Letter): MailMessage {
  const hello = letter.greeting ? `Hello ${letter.greeting},` : "Hello,";
  const text = [
    hello,
    ...letter.paragraphs,
    ...(letter.action ? [`${letter.action.label}: ${letter.action.url}`] : []),
    letter.footer,
  ].join("\n\n");
  const html = [
    `<p>${escapeHtml(hello)}</p>`,
    ...letter.paragraphs.map((p) => `<p>${escapeHtml(p).replaceAll("\n", "<br>")}</p>`),
    ...(letter.action
      ? [`<p><a href="${escapeHtml(letter.action.url)}">${escapeHtml(letter.action.label)}</a></p>`]
      : []),
    `<p style="color:#666">${escapeHtml(letter.footer)}</p>`,
  ].join("\n");
  return { to: letter.to, subject: letter.subject, text, html };
}

const NOT_YOU = "If this wasn't you, you can ignore this message.";

export function verifyEmailMessage(input: { to: string; name: string | null; url: string; hours: number }) {
  return compose({
    to: input.to,
    subject: "Confirm your email for Bazaar",
    greeting: input.name,
    paragraphs: [
      `Confirm this address to finish setting up your account. The link works for ${input.hours} hours.`,
    ],
    action: { label: "Confirm your email", url: input.url },
    footer: NOT_YOU,
  });
}

export function resetPasswordMessage(input: {
  to: string;
  name: string | null;
  url: string;
  minutes: number;
}) {
  return compose({
    to: input.to,
    subject: "Reset your Bazaar password",
    greeting: input.name,
    paragraphs: [
      `Someone asked to reset the password for this account. The link works once, for ${input.minutes} minutes.`,
    ],
    action: { label: "Choose a new password", url: input.url },
    footer: `${NOT_YOU} Your password stays as it is.`,
  });
}

export function magicLinkMessage(input: { to: string; name: string | null; url: string; minutes: number }) {
  return compose({
    to: input.to,
    subject: "Your Bazaar sign-in link",
    greeting: input.name,
    paragraphs: [`Use this link to sign in. It works once, for ${input.minutes} minutes.`],
    action: { label: "Sign in to Bazaar", url: input.url },
    footer: NOT_YOU,
  });
}

/** Sent instead of a second account, so that sign-up never tells a stranger who has an account. */
export function accountExistsMessage(input: {
  to: string;
  name: string | null;
  signInUrl: string;
  resetUrl: string;
}) {
  return compose({
    to: input.to,
    subject: "You already have a Bazaar account",
    greeting: input.name,
    paragraphs: [
      "Someone tried to create a Bazaar account with this address, which already has one.",
      `To sign in, go to ${input.signInUrl}. Forgot your password? Reset it at ${input.resetUrl}.`,
    ],
    footer: NOT_YOU,
  });
}

export function passwordChangedMessage(input: { to: string; name: string | null; resetUrl: string }) {
  return compose({
    to: input.to,
    subject: "Your Bazaar password was changed",
    greeting: input.name,
    paragraphs: [
      "The password for your account was just changed, and every other session was signed out.",
      `If you didn't do this, reset your password now at ${input.resetUrl}.`,
    ],
    footer: "Bazaar",
  });
}

/** Sent by the order-confirmation job once the order is paid; amounts arrive already formatted. */
export function orderConfirmationMessage(input: {
  to: string;
  name: string | null;
  orderNumber: number;
  lines: { description: string; quantity: number; amount: string }[];
  totals: { label: string; amount: string }[];
  shipTo: string[];
  url: string;
}) {
  return compose({
    to: input.to,
    subject: `Your Bazaar order ${input.orderNumber} is confirmed`,
    greeting: input.name,
    paragraphs: [
      `Thank you: we have your payment for order ${input.orderNumber}, and we are getting it ready.`,
      input.lines.map((line) => `${line.quantity} × ${line.description}: ${line.amount}`).join("\n"),
      input.totals.map((total) => `${total.label}: ${total.amount}`).join("\n"),
      ...(input.shipTo.length > 0 ? [`Shipping to:\n${input.shipTo.join("\n")}`] : []),
    ],
    action: { label: "See your order", url: input.url },
    footer: "Bazaar",
  });
}

export function shippingNoticeMessage(input: {
  to: string;
  name: string | null;
  orderNumber: number;
  carrier: string | null;
  trackingNumber: string;
  url: string;
}) {
  return compose({
    to: input.to,
    subject: `Your Bazaar order ${input.orderNumber} has shipped`,
    greeting: input.name,
    paragraphs: [
      `Good news: order ${input.orderNumber} is on its way.`,
      `${input.carrier ? `Carrier: ${input.carrier}\n` : ""}Tracking number: ${input.trackingNumber}`,
    ],
    action: { label: "Follow your order", url: input.url },
    footer: "Bazaar",
  });
}
