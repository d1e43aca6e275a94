import type { AdminAccessRow } from "./rows.ts";

export const customersRows: AdminAccessRow[] = [
  { path: "admin.customers.list", who: "staff", input: { search: "example", role: "CUSTOMER" } },
  { path: "admin.customers.get", who: "staff", input: { id: "no-such-user" } },
  // Admins only: staff are refused before anything is looked up (customers.test.ts shows nothing changes).
  {
    path: "admin.customers.setRole",
    who: "admin",
    mutation: true,
    input: { userId: "no-such-user", role: "STAFF" },
  },
];
