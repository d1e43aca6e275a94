export { queryDefaults, QUERY_RETRIES } from "./query-defaults.ts";
export {
  describeClientError,
  describeStockConflicts,
  NO_CONNECTION,
  SHOP_BUSY,
  type ClientErrorDescription,
  type StockConflict,
} from "./errors.ts";
export { describeDevice, timeAgo } from "./describe-session.ts";
