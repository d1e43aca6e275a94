export { CONNECTION_OPTIONS, createDb, SEARCH_SIMILARITY_THRESHOLD, type Db, type DbOrTx } from "./client.ts";
export { Prisma } from "./generated/prisma/client.ts";
export type * from "./generated/prisma/models.ts";
export * from "./generated/prisma/enums.ts";
