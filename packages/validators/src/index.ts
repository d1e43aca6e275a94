export * from "./catalog.ts";
export * from "./money.ts";
export * from "./account.ts";
export * from "./checkout.ts";
