import { baseConfig } from "@bazaar/eslint-config/base";
import { nextjsConfig } from "@bazaar/eslint-config/nextjs";
import { reactConfig } from "@bazaar/eslint-config/react";

export default [...baseConfig, ...reactConfig, ...nextjsConfig, { ignores: ["next-env.d.ts"] }];
