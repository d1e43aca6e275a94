import type { AdminAccessRow } from "./rows.ts";

export const ordersRows: AdminAccessRow[] = [
  { path: "admin.orders.list", who: "staff", input: { q: "someone@example.com" } },
  { path: "admin.orders.get", who: "staff", input: { id: "no-such-order" } },
  {
    path: "admin.orders.fulfil",
    who: "staff",
    mutation: true,
    input: { orderId: "no-such-order", carrier: "UPS", trackingNumber: "1Z999" },
  },
  {
    path: "admin.orders.cancel",
    who: "staff",
    mutation: true,
    input: { orderId: "no-such-order", reason: "Customer asked" },
  },
  {
    path: "admin.orders.refund",
    who: "staff",
    mutation: true,
    input: { orderId: "no-such-order", amount: 100, reason: "Damaged" },
  },
];
