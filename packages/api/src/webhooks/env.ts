// Where outgoing webhooks may go: in production only to public addresses unless allowed, so an
// endpoint cannot be pointed at the shop's own network; in development and tests loopback
// receivers are the usual case.
import { z } from "zod";

const schema = z.object({
  WEBHOOK_ALLOW_PRIVATE_TARGETS: z.stringbool("must be true or false").optional(),
  NODE_ENV: z.string().optional(),
});

export interface WebhooksEnv {
  allowPrivateTargets: boolean;
}

export function readWebhooksEnv(env: NodeJS.ProcessEnv = process.env): WebhooksEnv {
  const parsed = schema.safeParse({
    // Set but empty counts as not set.
    WEBHOOK_ALLOW_PRIVATE_TARGETS:
      env.WEBHOOK_ALLOW_PRIVATE_TARGETS === "" ? undefined : env.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    NODE_ENV: env.NODE_ENV,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid webhooks configuration:\n${lines.join("\n")}`);
  }
  const { WEBHOOK_ALLOW_PRIVATE_TARGETS: allowed, NODE_ENV } = parsed.data;
  return { allowPrivateTargets: allowed ?? NODE_ENV !== "production" };
}
