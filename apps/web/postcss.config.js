export { default } from "@bazaar/tailwind-config/postcss";
