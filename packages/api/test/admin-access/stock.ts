import type { AdminAccessRow } from "./rows.ts";

export const stockRows: AdminAccessRow[] = [
  {
    path: "admin.stock.adjust",
    who: "staff",
    mutation: true,
    input: { variantId: "no-such-variant", delta: 1, reason: "RECEIVED" },
  },
  { path: "admin.stock.movements", who: "staff", input: { variantId: "no-such-variant" } },
];
