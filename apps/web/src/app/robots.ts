import type { MetadataRoute } from "next";

import { shopUrl } from "~/server/app-url";

// Built per request: the sitemap's address comes from APP_URL, which `next build` does not know.
export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: {
      userAgent: "*",
      allow: "/",
      // Private pages, the API, development tools, and endless search result pages.
      disallow: ["/account", "/admin", "/api", "/dev", "/search"],
    },
    sitemap: shopUrl("/sitemap.xml"),
  };
}
