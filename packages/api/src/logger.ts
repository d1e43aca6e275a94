import pino from "pino";

import { apiEnv } from "./env.ts";

// Structured JSON logs on stdout; every line about a request carries its requestId.
export const logger = pino({
  level: apiEnv.LOG_LEVEL ?? (apiEnv.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "bazaar-api" },
});
export type Logger = pino.Logger;
