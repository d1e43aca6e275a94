export * from "./catalog.ts";
export * from "./money.ts";
export * from "./account.ts";
export * from "./checkout.ts";
export * from "./admin.ts";
export * from "./admin-products.ts";
export * from "./admin-orders.ts";
export * from "./admin-people.ts";
