export {
  CONNECTION_OPTIONS,
  createDb,
  databaseHealth,
  SEARCH_SIMILARITY_THRESHOLD,
  type Db,
  type DbOrTx,
} from "./client.ts";
export { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable, type DatabaseHealth } from "./availability.ts";
export { Prisma } from "./generated/prisma/client.ts";
export type * from "./generated/prisma/models.ts";
export * from "./generated/prisma/enums.ts";
