import "server-only";
import { createDb, type Db } from "@bazaar/db";

import { serverEnv } from "~/env";

// One client (and connection pool) per server process; kept on globalThis so that dev-mode
// module reloads do not open a new pool on every edit.
const holder = globalThis as typeof globalThis & { bazaarDb?: Db };

export function getDb(): Db {
  holder.bazaarDb ??= createDb(serverEnv().DATABASE_URL);
  return holder.bazaarDb;
}
