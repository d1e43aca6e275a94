// The shape of a payment provider's event, on its own so that the job queue (which carries test
// deliveries) can name it without importing the code that processes events.
import { z } from "zod";

export const paymentEventSchema = z.object({
  id: z.string().min(1).max(200),
  type: z.enum(["payment.succeeded", "payment.failed", "payment.requires_action"]),
  data: z.object({
    paymentRef: z.string().min(1).max(200),
    amount: z.number().int().min(0),
    currency: z.string().regex(/^[A-Z]{3}$/),
  }),
});
export type PaymentEventInput = z.infer<typeof paymentEventSchema>;
