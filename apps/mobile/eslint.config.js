import { baseConfig } from "@bazaar/eslint-config/base";
import { reactConfig } from "@bazaar/eslint-config/react";

export default [...baseConfig, ...reactConfig, { ignores: ["dist", ".expo", "expo-env.d.ts"] }];
