// One row per admin procedure: who may call it, and an input that passes its schema (so the
// answer shows the access rule, not validation). Staff-only rows let staff and admins through;
// admin-only rows refuse staff with 403. Anyone else is refused: anonymous 401, customers 403.
export interface AdminAccessRow {
  path: string;
  who: "staff" | "admin";
  mutation?: boolean;
  input?: unknown;
}
