// The plugin is imported here, not named, so that Prettier finds it from any package's folder.
import * as tailwindPlugin from "prettier-plugin-tailwindcss";

/** @type {import("prettier").Config} */
const config = {
  printWidth: 110,
  plugins: [tailwindPlugin],
  tailwindStylesheet: "./apps/web/src/app/globals.css",
};

export default config;
