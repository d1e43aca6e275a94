// Type-aware linting for every TypeScript package: each package's eslint.config.js spreads this.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export const baseConfig = tseslint.config(
  {
    ignores: [
      "**/.next/**",
      "**/dist/**",
      "**/.cache/**",
      "**/generated/**",
      "**/.turbo/**",
      "**/playwright-report/**",
      "**/test-results/**",
    ],
  },
  {
    files: ["**/*.{js,mjs,cjs,ts,tsx}"],
    extends: [
      js.configs.recommended,
      ...tseslint.configs.recommendedTypeChecked,
      ...tseslint.configs.stylisticTypeChecked,
    ],
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "separate-type-imports" },
      ],
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/no-non-null-assertion": "error",
      "no-restricted-syntax": [
        "error",
        // NODE_ENV and NEXT_RUNTIME are fine anywhere (the bundler inlines them); other settings go through env.ts.
        {
          selector:
            "MemberExpression[object.type='MemberExpression'][object.object.name='process'][object.property.name='env'][property.name!=/^(NODE_ENV|NEXT_RUNTIME)$/]",
          message: "Read configuration through the package's env module.",
        },
        {
          selector: ":not(MemberExpression) > MemberExpression[object.name='process'][property.name='env']",
          message: "Read configuration through the package's env module.",
        },
      ],
    },
  },
  {
    // The env modules are the one place allowed to read process.env.
    files: ["**/env.ts", "**/*.config.{js,ts,mjs}", "**/scripts/**", "**/test/**", "**/e2e/**"],
    rules: { "no-restricted-syntax": "off" },
  },
  { linterOptions: { reportUnusedDisableDirectives: true } },
);
