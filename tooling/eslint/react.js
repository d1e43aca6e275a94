import reactPlugin from "eslint-plugin-react";
import hooksPlugin from "eslint-plugin-react-hooks";
import globals from "globals";

const { recommended, "jsx-runtime": jsxRuntime } = reactPlugin.configs.flat;
if (!recommended || !jsxRuntime) throw new Error("eslint-plugin-react no longer ships its flat configs");

export const reactConfig = [
  {
    files: ["**/*.{ts,tsx}"],
    plugins: recommended.plugins,
    languageOptions: {
      ...recommended.languageOptions,
      globals: { ...globals.browser },
    },
    // The automatic JSX runtime: React need not be in scope.
    rules: { ...recommended.rules, ...jsxRuntime.rules },
    settings: { react: { version: "detect" } },
  },
  hooksPlugin.configs.flat["recommended-latest"] ?? hooksPlugin.configs.flat.recommended,
];
