import type { AdminAccessRow } from "./rows.ts";

export const auditRows: AdminAccessRow[] = [
  {
    path: "admin.audit.list",
    who: "staff",
    input: { action: "user.role_changed", targetType: "user", from: "2026-01-01", to: "2026-12-31" },
  },
  { path: "admin.audit.actions", who: "staff" },
];
