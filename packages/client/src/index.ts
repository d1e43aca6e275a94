export { queryDefaults } from "./query-defaults.ts";
export { describeClientError, type ClientErrorDescription } from "./errors.ts";
export { describeDevice, timeAgo } from "./describe-session.ts";
