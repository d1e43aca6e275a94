/** The roles as the console names them. */
export const ROLE_NAMES = { CUSTOMER: "Customer", STAFF: "Staff", ADMIN: "Admin" } as const;
