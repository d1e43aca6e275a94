export { queryDefaults } from "./query-defaults.ts";
export { describeClientError, NO_CONNECTION, type ClientErrorDescription } from "./errors.ts";
export { describeDevice, timeAgo } from "./describe-session.ts";
