import { baseConfig } from "@bazaar/eslint-config/base";

export default baseConfig;
