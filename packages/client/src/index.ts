export { queryDefaults, QUERY_RETRIES } from "./query-defaults.ts";
export {
  describeClientError,
  describeStockConflicts,
  NO_CONNECTION,
  type ClientErrorDescription,
} from "./errors.ts";
export { describeDevice, timeAgo } from "./describe-session.ts";
