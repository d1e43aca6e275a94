-- The seed's pictures move from a route that drew SVGs to media storage (PNG files under the data
-- folder, drawn on first request, optimised by next/image). Rows seeded before keep working.
UPDATE "ProductImage"
SET "url" = regexp_replace("url", '^/product-images/([a-z0-9-]+)/([1-9])\.svg$', '/media/placeholders/\1-\2.png')
WHERE "url" ~ '^/product-images/[a-z0-9-]+/[1-9]\.svg$';
