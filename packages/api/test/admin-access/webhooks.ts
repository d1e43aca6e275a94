import type { AdminAccessRow } from "./rows.ts";

// Admins only: staff are refused before anything is made, changed or read (webhooks-admin.test.ts).
export const webhooksRows: AdminAccessRow[] = [
  { path: "admin.webhooks.list", who: "admin", input: {} },
  { path: "admin.webhooks.get", who: "admin", input: { endpointId: "no-such-endpoint" } },
  {
    path: "admin.webhooks.create",
    who: "admin",
    mutation: true,
    input: { url: "https://hooks.example.com/bazaar", events: ["order.paid"] },
  },
  {
    path: "admin.webhooks.update",
    who: "admin",
    mutation: true,
    input: { endpointId: "no-such-endpoint", enabled: false },
  },
  {
    path: "admin.webhooks.rotateSecret",
    who: "admin",
    mutation: true,
    input: { endpointId: "no-such-endpoint" },
  },
  { path: "admin.webhooks.delete", who: "admin", mutation: true, input: { endpointId: "no-such-endpoint" } },
  { path: "admin.webhooks.deliveries", who: "admin", input: { endpointId: "no-such-endpoint" } },
  { path: "admin.webhooks.delivery", who: "admin", input: { deliveryId: "no-such-delivery" } },
  { path: "admin.webhooks.replay", who: "admin", mutation: true, input: { deliveryId: "no-such-delivery" } },
];
