// Mail settings, read and checked once: SMTP_URL chooses delivery, MAIL_FROM the sender.
import { z } from "zod";

const envSchema = z.object({
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  MAIL_FROM: z.string().min(3).default("Bazaar <no-reply@bazaar.localhost>"),
});

export type MailEnv = z.infer<typeof envSchema>;

export class MailConfigError extends Error {
  override name = "MailConfigError";
}

export function readMailEnv(source: Record<string, string | undefined> = process.env): MailEnv {
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(source).filter(([, value]) => value !== "")),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new MailConfigError(`Invalid mail configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
