import type { ProductStatus } from "@bazaar/validators";

export const STATUS_NAMES: Record<ProductStatus, string> = {
  DRAFT: "Draft",
  PUBLISHED: "Published",
  ARCHIVED: "Archived",
};

export const STATUS_STYLES: Record<ProductStatus, string> = {
  DRAFT: "bg-gray-100 text-gray-800",
  PUBLISHED: "bg-brand-50 text-brand-900",
  ARCHIVED: "bg-amber-50 text-amber-900",
};
