import type { RouterOutputs } from "@bazaar/api";

/** One variant of a product as its page shows it: what the picker chooses and the cart adds. */
export type Variant = RouterOutputs["catalog"]["productBySlug"]["variants"][number];
