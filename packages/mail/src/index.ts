export { MailConfigError, readMailEnv, type MailEnv } from "./env.ts";
export {
  createDatabaseMailer,
  createSmtpMailer,
  listMailbox,
  mailerFromEnv,
  type Mailer,
  type MailMessage,
} from "./mailer.ts";
export {
  accountExistsMessage,
  escapeHtml,
  magicLinkMessage,
  orderConfirmationMessage,
  passwordChangedMessage,
  resetPasswordMessage,
  shippingNoticeMessage,
  verifyEmailMessage,
} from "./templates.ts";
