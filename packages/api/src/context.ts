import { randomUUID } from "node:crypto";
import type { Db } from "@bazaar/db";

import { logger, type Logger } from "./logger.ts";

/** Who is calling. Accounts arrive with the auth issue; until then every caller is anonymous. */
export type Session = null;

export interface Context {
  db: Db;
  session: Session;
  requestId: string;
  log: Logger;
}

/** Build the per-request context; the caller owns the database client (one per process). */
export function createContext(options: { db: Db; headers: Headers }): Context {
  // Accept a well-formed id from a trusted proxy so logs join up; otherwise make one.
  const incoming = options.headers.get("x-request-id");
  const requestId = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
  return { db: options.db, session: null, requestId, log: logger.child({ requestId }) };
}
