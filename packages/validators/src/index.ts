export * from "./catalog.ts";
export * from "./money.ts";
