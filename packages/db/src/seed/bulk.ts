// A large generated catalog for benchmarks: `pnpm bench` adds 50,000 of these products to a
// scratch database (issue 4: search must stay fast at that size). Never part of the default seed.
//
// Product number n is built from n alone (its own PRNG stream), so the first 500 of a 50,000-product
// run are exactly the 500 of a small run, and batches can be generated one at a time.
// Product.priceFrom, Product.inStock and Product.searchVector are left to the database triggers.
import type { Db } from "../client.ts";

/** Where bulk products go: a category that holds products (one without subcategories). */
export interface BulkCategory {
  id: string;
  slug: string;
}

export interface BulkVariant {
  id: string;
  sku: string;
  name: string;
  /** E.g. { size: "M", colour: "Navy" }; books have a format and an edition instead. */
  options: Record<string, string>;
  priceAmount: number;
  compareAtAmount: number | null;
  currency: string;
  stockOnHand: number;
  position: number;
}

export interface BulkImage {
  id: string;
  url: string;
  alt: string;
  width: number;
  height: number;
  position: number;
}

export interface BulkProduct {
  id: string;
  slug: string;
  name: string;
  description: string;
  categoryId: string;
  featured: boolean;
  createdAt: Date;
  variants: BulkVariant[];
  images: BulkImage[];
}

/** The words one kind of category is described with. */
interface Vocabulary {
  nouns: readonly string[];
  materials: readonly string[];
  /** In size order; a product's variants take a few of them, smallest first. */
  sizes: readonly string[];
  colours: readonly string[];
  /** The option names of `sizes` and `colours`, when not "size" and "colour". */
  keys?: readonly [string, string];
  /** How a description says what it is made of (or about). */
  madeOf: (material: string) => string;
  /** Whole-dollar range of a product's smallest size. */
  dollars: readonly [number, number];
  /** Added per size step, in cents. */
  sizeStep: number;
}

// One vocabulary per category of the development seed (by slug); other categories get GENERAL.
const VOCABULARIES: Readonly<Record<string, Vocabulary>> = {
  apparel: {
    madeOf: (m) => `cut from ${m}`,
    nouns: ["Overshirt", "Crew Neck", "Work Shirt", "Trousers", "Fleece", "Gilet", "Polo"],
    materials: ["Linen", "Flannel", "Seersucker", "Ripstop", "Jersey", "Wool"],
    sizes: ["XS", "S", "M", "L", "XL"],
    colours: ["Navy", "Stone", "Moss", "Clay", "Ink", "Ecru"],
    dollars: [25, 140],
    sizeStep: 0,
  },
  footwear: {
    madeOf: (m) => `made in ${m} on a comfortable last`,
    nouns: ["Trainers", "Boots", "Slip-Ons", "Brogues", "Mules", "Trail Shoes"],
    materials: ["Suede", "Leather", "Canvas", "Knit", "Nubuck"],
    sizes: ["EU 39", "EU 40", "EU 41", "EU 42", "EU 43", "EU 44"],
    colours: ["Black", "Chestnut", "Sand", "White", "Olive"],
    dollars: [60, 260],
    sizeStep: 0,
  },
  kitchen: {
    madeOf: (m) => `made from ${m} for daily cooking`,
    nouns: ["Frying Pan", "Stockpot", "Colander", "Bread Knife", "Serving Board", "Teapot", "Roasting Tin"],
    materials: ["Cast Iron", "Copper", "Enamel", "Oak", "Steel", "Stoneware"],
    sizes: ["Small", "Medium", "Large"],
    colours: ["Cream", "Slate", "Sage", "Red"],
    dollars: [15, 190],
    sizeStep: 1200,
  },
  "home-decor": {
    madeOf: (m) => `made from ${m} by hand`,
    nouns: ["Floor Lamp", "Blanket", "Bud Vase", "Cushion", "Mirror", "Basket", "Lantern"],
    materials: ["Linen", "Rattan", "Brass", "Wool", "Ceramic", "Seagrass"],
    sizes: ["Small", "Medium", "Large"],
    colours: ["Natural", "Chalk", "Charcoal", "Ochre", "Teal"],
    dollars: [12, 240],
    sizeStep: 1500,
  },
  books: {
    madeOf: (m) => `a practical book about ${m}`,
    nouns: ["Guide", "Almanac", "Workbook", "Manual", "Journal"],
    materials: ["Baking", "Birding", "Knitting", "Camping", "Pottery", "Beekeeping"],
    sizes: ["Paperback", "Hardback"],
    colours: ["Standard", "Illustrated"],
    keys: ["format", "edition"],
    dollars: [10, 45],
    sizeStep: 900,
  },
  toys: {
    madeOf: (m) => `made from ${m} for years of play`,
    nouns: ["Puzzle", "Block Set", "Spinning Top", "Card Game", "Doll House", "Kite"],
    materials: ["Beech", "Birch", "Felt", "Cotton", "Cardboard"],
    sizes: ["Mini", "Standard", "Giant"],
    colours: ["Rainbow", "Natural", "Pastel", "Primary"],
    dollars: [8, 110],
    sizeStep: 700,
  },
  outdoor: {
    madeOf: (m) => `made from ${m} for wet weekends`,
    nouns: ["Rucksack", "Bivvy Bag", "Tarp", "Lantern", "Flask", "Hammock", "Camp Chair"],
    materials: ["Nylon", "Canvas", "Titanium", "Aluminium", "Polyester"],
    sizes: ["Small", "Medium", "Large"],
    colours: ["Forest", "Orange", "Slate", "Black", "Sky"],
    dollars: [15, 320],
    sizeStep: 1800,
  },
  "electronics-accessories": {
    madeOf: (m) => `finished in ${m}`,
    nouns: ["Power Bank", "Headphones", "Laptop Stand", "USB Hub", "Speaker", "Desk Lamp", "Mouse"],
    materials: ["Aluminium", "Silicone", "Fabric", "Walnut", "Plastic"],
    sizes: ["Compact", "Standard", "Max"],
    colours: ["Black", "White", "Graphite", "Blue"],
    dollars: [12, 220],
    sizeStep: 1000,
  },
  beauty: {
    madeOf: (m) => `made with ${m} and little else`,
    nouns: ["Serum", "Body Lotion", "Face Mask", "Bath Oil", "Hair Oil", "Soap"],
    materials: ["Aloe", "Argan", "Honey", "Clay", "Cucumber", "Vanilla"],
    sizes: ["30 ml", "100 ml", "250 ml"],
    colours: ["Original", "Refill", "Gift Box"],
    keys: ["size", "pack"],
    dollars: [5, 60],
    sizeStep: 500,
  },
  stationery: {
    madeOf: (m) => `made from ${m}`,
    nouns: ["Notepad", "Gel Pen", "Diary", "Folder", "Letter Set", "Ruler"],
    materials: ["Kraft", "Cotton", "Brass", "Bamboo", "Leather"],
    sizes: ["A6", "A5", "A4"],
    colours: ["Black", "Red", "Green", "Blue", "Mustard"],
    dollars: [4, 70],
    sizeStep: 300,
  },
};

const GENERAL: Vocabulary = {
  madeOf: (m) => `made from ${m}`,
  nouns: ["Set", "Kit", "Organiser", "Holder", "Tray", "Box"],
  materials: ["Oak", "Steel", "Cotton", "Glass", "Cork"],
  sizes: ["Small", "Medium", "Large"],
  colours: ["Natural", "Black", "White", "Grey"],
  dollars: [10, 120],
  sizeStep: 800,
};

/** The first word of every name: a maker's range, so that names rarely repeat. */
const COLLECTIONS = [
  "Harbour",
  "Fieldstone",
  "Northlight",
  "Juniper",
  "Copperline",
  "Meadow",
  "Ironbark",
  "Saltmarsh",
  "Larkspur",
  "Driftwood",
  "Bramble",
  "Kestrel",
] as const;

const ADJECTIVES = [
  "Everyday",
  "Classic",
  "Relaxed",
  "Compact",
  "Heritage",
  "Lightweight",
  "Sturdy",
  "Minimal",
  "Deluxe",
  "Weekend",
  "Studio",
  "Rugged",
] as const;

const DETAILS = [
  "Made in small runs by a workshop we have known for years.",
  "Tested for a season before it went on sale.",
  "Built to be repaired rather than replaced.",
  "Packed without plastic and shipped carbon-neutral.",
  "Chosen by our buyers for how well it wears over time.",
  "Simple to look after and easy to live with.",
] as const;

const CURRENCY = "USD";
const STREAM_SEED = 0x0b0c_4a11;
/** Bulk product 0's creation time; each next one is STEP_MS older (about a year for 50,000). */
const NEWEST = Date.UTC(2026, 10, 1, 6);
const STEP_MS = 10 * 60_000;

/** SplitMix32-style PRNG: a fresh, independent stream per product number. */
function streamFor(n: number) {
  let state = (STREAM_SEED ^ Math.imul(n + 1, 0x9e37_79b9)) >>> 0;
  const next = (): number => {
    state = (state + 0x9e37_79b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85eb_ca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2_ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 0x1_0000_0000;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(0, items.length - 1)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  };
  return { next, int, pick };
}

const pad = (n: number) => String(n).padStart(6, "0");

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Bulk product number `n` (0-based) in one of `categories`, which it cycles through. */
export function bulkProduct(n: number, categories: readonly BulkCategory[]): BulkProduct {
  const category = categories[n % categories.length];
  if (!category) throw new Error("bulk products need at least one category");
  const words = VOCABULARIES[category.slug] ?? GENERAL;
  const random = streamFor(n);

  const collection = random.pick(COLLECTIONS);
  const adjective = random.pick(ADJECTIVES);
  const material = random.pick(words.materials);
  const noun = random.pick(words.nouns);
  const name = `${collection} ${adjective} ${material} ${noun}`;
  const number = pad(n + 1);
  // The number keeps slugs unique; seed slugs never end in one (the test checks).
  const slug = `${slugify(name)}-${n + 1}`;
  const colour = random.pick(words.colours);
  const [sizeKey, colourKey] = words.keys ?? ["size", "colour"];

  // 1–3 consecutive sizes, smallest first; a bigger size costs sizeStep more.
  const sizeCount = Math.min(random.int(1, 3), words.sizes.length);
  const firstSize = random.int(0, words.sizes.length - sizeCount);
  const base = random.int(words.dollars[0], words.dollars[1]) * 100 + random.pick([0, 50, 95, 99, 99]);
  const onSale = random.next() < 0.12;
  const soldOut = random.next() < 0.04;
  const variants = Array.from({ length: sizeCount }, (_, position): BulkVariant => {
    const size = words.sizes[firstSize + position] ?? "One Size";
    const priceAmount = base + position * words.sizeStep;
    const roll = random.next();
    return {
      id: `bulkvar_${number}_${position + 1}`,
      sku: `BLK-${number}-${position + 1}`,
      name: `${size} / ${colour}`,
      options: { [sizeKey]: size, [colourKey]: colour },
      priceAmount,
      // A quarter above the price, ending in 99 cents: always above it (a CHECK insists).
      compareAtAmount: onSale ? Math.ceil((priceAmount * 1.25) / 100) * 100 - 1 : null,
      currency: CURRENCY,
      stockOnHand: soldOut || roll < 0.06 ? 0 : roll < 0.14 ? random.int(1, 5) : random.int(6, 150),
      position,
    };
  });

  return {
    id: `bulk_${number}`,
    slug,
    name,
    description: `${name}: ${words.madeOf(material.toLowerCase())}, from our ${collection} range. ${random.pick(DETAILS)}`,
    categoryId: category.id,
    featured: false,
    createdAt: new Date(NEWEST - n * STEP_MS),
    variants,
    images: [
      {
        id: `bulkimg_${number}`,
        url: `/media/placeholders/${slug}-1.png`,
        alt: colourKey === "colour" ? `${name} in ${colour}` : name,
        width: 800,
        height: 800,
        position: 0,
      },
    ],
  };
}

/** Bulk products number `start` to `start + count - 1`. */
export function buildBulkProducts(
  count: number,
  categories: readonly BulkCategory[],
  start = 0,
): BulkProduct[] {
  return Array.from({ length: count }, (_, i) => bulkProduct(start + i, categories));
}

export interface BulkCounts {
  products: number;
  variants: number;
  images: number;
}

/**
 * Insert `count` bulk products (with their variants and an image each) into a database that holds
 * the seed catalog, spread over its categories that have no subcategories. Each batch is one
 * transaction, so an interrupted run leaves no product without its variants.
 */
export async function seedBulkProducts(
  db: Db,
  options: { count: number; batchSize?: number; onBatch?: (done: number, total: number) => void },
): Promise<BulkCounts> {
  // 500 products make at most 1,500 variants × 12 columns: well under a statement's bind limit.
  const batchSize = options.batchSize ?? 500;
  const categories = await db.category.findMany({
    where: { children: { none: {} } },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, slug: true },
  });
  if (categories.length === 0) throw new Error("seed the catalog first: bulk products need its categories");

  const counts: BulkCounts = { products: 0, variants: 0, images: 0 };
  for (let start = 0; start < options.count; start += batchSize) {
    const products = buildBulkProducts(Math.min(batchSize, options.count - start), categories, start);
    const inserted = await db.$transaction(
      async (tx) => {
        const p = await tx.product.createMany({
          data: products.map(({ variants: _variants, images: _images, ...product }) => product),
        });
        // The variants' insert trigger fills in each product's priceFrom and inStock.
        const v = await tx.productVariant.createMany({
          data: products.flatMap((product) =>
            product.variants.map((variant) => ({ ...variant, productId: product.id })),
          ),
        });
        const i = await tx.productImage.createMany({
          data: products.flatMap((product) =>
            product.images.map((image) => ({ ...image, productId: product.id })),
          ),
        });
        return { products: p.count, variants: v.count, images: i.count };
      },
      { timeout: 60_000 },
    );
    counts.products += inserted.products;
    counts.variants += inserted.variants;
    counts.images += inserted.images;
    options.onBatch?.(counts.products, options.count);
  }
  return counts;
}
