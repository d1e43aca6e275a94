import { describe, expect, it } from "vitest";

import { absoluteUrl, productJsonLd, serializeJsonLd } from "./json-ld";

const product = {
  name: "Relaxed Linen Overshirt",
  description: "Cut from linen that softens with every wash.",
  category: { name: "Apparel" },
  images: [
    { url: "/media/placeholders/relaxed-linen-overshirt-1.png" },
    { url: "https://cdn.example/2.jpg" },
  ],
  variants: [
    { sku: "APP-0001-M", name: "Medium", price: { amount: 8950, currency: "USD" }, inStock: true },
    { sku: "APP-0001-L", name: "Large", price: { amount: 9950, currency: "USD" }, inStock: false },
  ],
};
const url = "https://shop.example/products/relaxed-linen-overshirt";

describe("productJsonLd", () => {
  it("describes the product with absolute image URLs and one offer per variant", () => {
    expect(productJsonLd(product, { url, appUrl: "https://shop.example" })).toEqual({
      "@context": "https://schema.org",
      "@type": "Product",
      name: "Relaxed Linen Overshirt",
      description: "Cut from linen that softens with every wash.",
      sku: "APP-0001-M",
      category: "Apparel",
      image: [
        "https://shop.example/media/placeholders/relaxed-linen-overshirt-1.png",
        "https://cdn.example/2.jpg",
      ],
      url,
      offers: [
        {
          "@type": "Offer",
          sku: "APP-0001-M",
          name: "Medium",
          price: "89.50",
          priceCurrency: "USD",
          availability: "https://schema.org/InStock",
          itemCondition: "https://schema.org/NewCondition",
          url,
        },
        {
          "@type": "Offer",
          sku: "APP-0001-L",
          name: "Large",
          price: "99.50",
          priceCurrency: "USD",
          availability: "https://schema.org/OutOfStock",
          itemCondition: "https://schema.org/NewCondition",
          url,
        },
      ],
    });
  });
});

describe("serializeJsonLd", () => {
  it("cannot be broken out of its script element, and parses back to the same data", () => {
    const data = {
      description: "Nice </script><script>alert(1)</script> & <!-- more -->",
      odd: "line\u2028separator\u2029too",
    };
    const text = serializeJsonLd(data);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text).toContain("\\u003c/script\\u003e");
    expect(JSON.parse(text)).toEqual(data);
  });
});

describe("absoluteUrl", () => {
  it("joins a path to the shop's origin and leaves absolute URLs alone", () => {
    expect(absoluteUrl("https://shop.example", "/products/x")).toBe("https://shop.example/products/x");
    expect(absoluteUrl("https://shop.example/", "/products/x")).toBe("https://shop.example/products/x");
    expect(absoluteUrl("https://shop.example", "https://cdn.example/a.jpg")).toBe(
      "https://cdn.example/a.jpg",
    );
  });
});
