export { queryDefaults } from "./query-defaults.ts";
export {
  describeClientError,
  describeStockConflicts,
  NO_CONNECTION,
  type ClientErrorDescription,
  type StockConflict,
} from "./errors.ts";
export { describeDevice, timeAgo } from "./describe-session.ts";
