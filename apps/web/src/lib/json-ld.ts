// Structured data for search engines: a schema.org Product with one Offer per variant.
import type { Money } from "@bazaar/validators";

import { minorToDecimal } from "./price";

export interface JsonLdProduct {
  name: string;
  description: string;
  images: { url: string }[];
  category?: { name: string };
  variants: { sku: string; name: string; price: Money; inStock: boolean }[];
}

/** An absolute URL for a path on the shop ("/media/…" → "https://shop.example/media/…"). */
export function absoluteUrl(appUrl: string, path: string): string {
  return new URL(path, `${appUrl.replace(/\/+$/, "")}/`).toString();
}

/**
 * The Product object for a product page at `url`. Prices are decimal strings in the currency's
 * own digits ("12.50"), as schema.org expects, never floats.
 */
export function productJsonLd(product: JsonLdProduct, options: { url: string; appUrl: string }) {
  const [first] = product.variants;
  const offer = (variant: JsonLdProduct["variants"][number]) => ({
    "@type": "Offer",
    sku: variant.sku,
    name: variant.name,
    price: minorToDecimal(variant.price.amount, variant.price.currency),
    priceCurrency: variant.price.currency,
    availability: variant.inStock ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
    itemCondition: "https://schema.org/NewCondition",
    url: options.url,
  });
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.name,
    description: product.description,
    ...(first ? { sku: first.sku } : {}),
    ...(product.category ? { category: product.category.name } : {}),
    image: product.images.map((image) => absoluteUrl(options.appUrl, image.url)),
    url: options.url,
    offers: product.variants.map(offer),
  };
}

/**
 * JSON for inside a `<script>` element. JSON.stringify alone lets a product description that
 * contains `</script>` end the element and inject markup; escaping `<`, `>` and `&` (and the two
 * line separators JavaScript once choked on) keeps it one inert block that still parses the same.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
