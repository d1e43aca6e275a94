import type { AdminAccessRow } from "./rows.ts";

export const dashboardRows: AdminAccessRow[] = [{ path: "admin.dashboard.summary", who: "staff" }];
