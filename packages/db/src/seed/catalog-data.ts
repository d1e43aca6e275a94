// The development and demo catalog, generated from word lists by a seeded random number
// generator: the same 300 products, prices and stock on every machine, every time.

export interface SeedCategory {
  id: string;
  slug: string;
  name: string;
  description: string;
  position: number;
}

export interface SeedVariant {
  id: string;
  sku: string;
  name: string;
  options: Record<string, string>;
  priceAmount: number;
  currency: string;
  stockOnHand: number;
  position: number;
}

export interface SeedImage {
  id: string;
  url: string;
  alt: string;
  width: number;
  height: number;
  position: number;
}

export interface SeedProduct {
  id: string;
  slug: string;
  name: string;
  description: string;
  categoryId: string;
  featured: boolean;
  createdAt: Date;
  variants: SeedVariant[];
  images: SeedImage[];
}

export interface SeedCatalog {
  categories: SeedCategory[];
  products: SeedProduct[];
}

interface OptionAxis {
  name: string;
  values: string[];
}

interface CategoryPlan {
  slug: string;
  name: string;
  description: string;
  sku: string;
  /** Whole-dollar price range of the cheapest variant. */
  price: [number, number];
  adjectives: string[];
  materials: string[];
  nouns: string[];
  /** Variants differ along these (none: a single "Default" variant). */
  axes: OptionAxis[];
  /** The first sentence always opens the description, then two others; "{name}" and "{material}" are filled in. */
  blurbs: string[];
}

const SIZES = { name: "size", values: ["S", "M", "L", "XL"] };
const COLOURS = { name: "colour", values: ["Navy", "Sand", "Forest", "Charcoal", "Rust", "Oat"] };

const PLANS: CategoryPlan[] = [
  {
    slug: "apparel",
    name: "Apparel",
    description: "Everyday clothing in natural fibres, cut to last more than a season.",
    sku: "APP",
    price: [18, 140],
    adjectives: ["Relaxed", "Classic", "Heavyweight", "Cropped", "Tailored", "Washed"],
    materials: ["Linen", "Organic Cotton", "Merino", "Denim", "Flannel"],
    nouns: ["Overshirt", "T-Shirt", "Chinos", "Hoodie", "Cardigan", "Jacket", "Shorts"],
    axes: [SIZES, COLOURS],
    blurbs: [
      "The {name} is cut from {material} that softens with every wash.",
      "A roomy fit through the body with sleeves that sit right.",
      "Reinforced seams and horn-effect buttons mean it will outlast your other favourites.",
      "Machine washable at 30°C; hang to dry and it barely needs an iron.",
    ],
  },
  {
    slug: "footwear",
    name: "Footwear",
    description: "Shoes and boots built on comfortable lasts, resoleable where it counts.",
    sku: "FTW",
    price: [45, 220],
    adjectives: ["Low-Top", "High-Top", "Trail", "City", "Weatherproof", "Everyday"],
    materials: ["Suede", "Leather", "Canvas", "Waxed Cotton"],
    nouns: ["Sneakers", "Chelsea Boots", "Loafers", "Derbies", "Sandals", "Runners"],
    axes: [{ name: "size", values: ["38", "39", "40", "41", "42", "43", "44"] }],
    blurbs: [
      "{name} in {material}, on a cushioned footbed that needs no breaking in.",
      "The stitched rubber sole can be replaced by any cobbler.",
      "A padded collar and a roomy toe box keep long days comfortable.",
      "Runs true to size; go half a size down if you are between sizes.",
    ],
  },
  {
    slug: "kitchen",
    name: "Kitchen",
    description: "Cookware and tools that work hard, clean easily and look good on the counter.",
    sku: "KIT",
    price: [9, 180],
    adjectives: ["Professional", "Nonstick", "Everyday", "Heritage", "Compact", "Deep"],
    materials: ["Cast Iron", "Stainless Steel", "Carbon Steel", "Enamelled", "Ceramic"],
    nouns: ["Skillet", "Saucepan", "Dutch Oven", "Chef's Knife", "Cutting Board", "Colander", "Kettle"],
    axes: [{ name: "size", values: ["20 cm", "24 cm", "28 cm"] }],
    blurbs: [
      "This {name} is made from {material} and heats evenly from edge to centre.",
      "Oven safe to 260°C and at home on gas, electric and induction hobs.",
      "A riveted handle stays cool enough to hold while you cook.",
      "Wash by hand and dry straight away to keep it looking new for years.",
    ],
  },
  {
    slug: "home-decor",
    name: "Home Decor",
    description: "Lamps, textiles and small pieces that make a room feel finished.",
    sku: "HOM",
    price: [14, 260],
    adjectives: ["Scandinavian", "Woven", "Minimal", "Hand-Thrown", "Vintage-Style", "Sculpted"],
    materials: ["Oak", "Rattan", "Stoneware", "Wool", "Brass", "Jute"],
    nouns: ["Table Lamp", "Throw", "Vase", "Cushion Cover", "Wall Mirror", "Planter", "Rug"],
    axes: [COLOURS],
    blurbs: [
      "A {material} {name} with a quiet, considered shape.",
      "Each piece is finished by hand, so small variations make yours unique.",
      "It sits as comfortably in a city flat as in a country kitchen.",
      "Dust with a soft dry cloth; keep out of strong direct sunlight.",
    ],
  },
  {
    slug: "books",
    name: "Books",
    description: "Hardbacks and paperbacks on cooking, making, travel and the outdoors.",
    sku: "BOK",
    price: [8, 45],
    adjectives: ["The Complete", "The Little", "A Field Guide to", "The Art of", "Everyday", "The Modern"],
    materials: ["Baking", "Woodworking", "Gardening", "Bread", "Hiking", "Ceramics", "Coffee"],
    nouns: ["Handbook", "Companion", "Notebook", "Atlas", "Primer"],
    axes: [{ name: "format", values: ["Paperback", "Hardback"] }],
    blurbs: [
      "{name}: a practical, beautifully photographed guide to {material}.",
      "Step-by-step chapters take you from first attempts to confident results.",
      "Written by practitioners with decades of experience between them.",
      "Printed on FSC-certified paper with a lay-flat binding.",
    ],
  },
  {
    slug: "toys",
    name: "Toys & Games",
    description: "Wooden toys, puzzles and games for long afternoons, for all ages.",
    sku: "TOY",
    price: [7, 90],
    adjectives: ["Stacking", "Magnetic", "Wooden", "Pocket", "Family", "Classic"],
    materials: ["Beech", "Maple", "Felt", "Recycled Card"],
    nouns: [
      "Building Blocks",
      "Puzzle",
      "Train Set",
      "Board Game",
      "Marble Run",
      "Spinning Top",
      "Card Game",
    ],
    axes: [],
    blurbs: [
      "A {name} made from {material} and finished with water-based, child-safe paints.",
      "Simple to learn, endlessly replayable, and sturdy enough for younger siblings.",
      "Tested to EN 71 toy safety standards.",
      "Comes in a recyclable box that doubles as storage.",
    ],
  },
  {
    slug: "outdoor",
    name: "Outdoor",
    description: "Gear for camping, hiking and long days outside, tested in bad weather.",
    sku: "OUT",
    price: [12, 320],
    adjectives: ["Ultralight", "Packable", "Insulated", "Waterproof", "Trekking", "Expedition"],
    materials: ["Ripstop", "Down", "Aluminium", "Titanium", "Recycled Polyester"],
    nouns: ["Daypack", "Sleeping Bag", "Tent", "Headlamp", "Water Bottle", "Camp Stove", "Trekking Poles"],
    axes: [COLOURS],
    blurbs: [
      "Our {name} uses {material} to stay light without giving up strength.",
      "Field-tested through wet winters and long summer trails.",
      "Packs down small enough to live in the bottom of a rucksack.",
      "Backed by a free repair service for the life of the product.",
    ],
  },
  {
    slug: "electronics",
    name: "Electronics Accessories",
    description: "Chargers, cables, stands and audio that work with the devices you own.",
    sku: "ELE",
    price: [9, 199],
    adjectives: ["Fast-Charge", "Wireless", "Braided", "Portable", "Noise-Cancelling", "Adjustable"],
    materials: ["USB-C", "Aluminium", "Magnetic", "Bluetooth"],
    nouns: ["Charger", "Cable", "Laptop Stand", "Headphones", "Power Bank", "Speaker", "Keyboard"],
    axes: [{ name: "colour", values: ["Black", "White", "Silver"] }],
    blurbs: [
      "A {material} {name} that simply works with phones, tablets and laptops.",
      "Certified safe, with protection against overheating and overcharging.",
      "Compact enough for a bag, solid enough for the desk.",
      "Two-year warranty and a cable that survives thousands of bends.",
    ],
  },
  {
    slug: "beauty",
    name: "Beauty & Care",
    description: "Skincare, bath and grooming essentials with short, honest ingredient lists.",
    sku: "BEA",
    price: [6, 68],
    adjectives: ["Gentle", "Nourishing", "Daily", "Restoring", "Fragrance-Free", "Botanical"],
    materials: ["Oat", "Shea", "Rosehip", "Sea Salt", "Aloe", "Lavender"],
    nouns: ["Face Cream", "Body Wash", "Hand Balm", "Cleansing Oil", "Bath Soak", "Shampoo Bar"],
    axes: [{ name: "size", values: ["50 ml", "100 ml", "250 ml"] }],
    blurbs: [
      "A {name} with {material}, made for sensitive skin.",
      "Dermatologist tested and never tested on animals.",
      "Packed in recyclable aluminium and glass.",
      "A little goes a long way: one jar lasts most people three months.",
    ],
  },
  {
    slug: "stationery",
    name: "Stationery",
    description: "Notebooks, pens and desk things for people who still like paper.",
    sku: "STA",
    price: [4, 85],
    adjectives: ["Dotted", "Lined", "Refillable", "Pocket", "Desk", "Limited Edition"],
    materials: ["Recycled Paper", "Brass", "Cork", "Leather", "Bamboo"],
    nouns: [
      "Notebook",
      "Fountain Pen",
      "Planner",
      "Pencil Case",
      "Desk Organiser",
      "Sketchbook",
      "Letter Set",
    ],
    axes: [{ name: "colour", values: ["Black", "Red", "Blue", "Green"] }],
    blurbs: [
      "A {name} in {material}, made to be used every day and carried everywhere.",
      "Smooth 100 gsm paper takes fountain pen ink without bleeding through.",
      "Designed in a small studio and made by a family-run printer.",
      "A quiet luxury for lists, letters and long-term plans.",
    ],
  },
];

export const PRODUCTS_PER_CATEGORY = 30;
const OUT_OF_STOCK_PRODUCTS = 10;
const FEATURED_PRODUCTS = 12;
/** The newest product's creation time; the others are spaced out before it. */
const NEWEST = Date.UTC(2026, 10, 1);

/** Mulberry32: a tiny, well-distributed 32-bit PRNG, so the seed needs no library. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(0, items.length - 1)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  };
  const sample = <T>(items: readonly T[], count: number): T[] => {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) chosen.push(...pool.splice(int(0, pool.length - 1), 1));
    return chosen;
  };
  return { next, int, pick, sample };
}

const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/'/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** A shop price: whole dollars ending .00, .50 or .99, in cents. */
function price(random: ReturnType<typeof createRandom>, [min, max]: [number, number]): number {
  return random.int(min, max) * 100 + random.pick([0, 50, 99, 99]);
}

/** Every combination of the chosen option values (at most four variants). */
function variantOptions(
  random: ReturnType<typeof createRandom>,
  axes: OptionAxis[],
): Record<string, string>[] {
  if (axes.length === 0) return [{}];
  const [first, second] = axes;
  if (!first) return [{}];
  // Kept in the axis's own order: S before M, paperback before hardback.
  const inOrder = (axis: OptionAxis, count: number) =>
    random.sample(axis.values, count).sort((a, b) => axis.values.indexOf(a) - axis.values.indexOf(b));
  const firstValues = inOrder(first, second ? random.int(1, 2) : random.int(1, 4));
  const secondValues = second ? inOrder(second, random.int(1, 2)) : [undefined];
  return firstValues.flatMap((a) =>
    secondValues.map((b) => (b && second ? { [first.name]: a, [second.name]: b } : { [first.name]: a })),
  );
}

export function buildCatalog(): SeedCatalog {
  const random = createRandom(20_261_123);
  const categories: SeedCategory[] = PLANS.map((plan, i) => ({
    id: `cat_${pad(i + 1, 2)}`,
    slug: plan.slug,
    name: plan.name,
    description: plan.description,
    position: i + 1,
  }));

  const total = PLANS.length * PRODUCTS_PER_CATEGORY;
  const outOfStock = new Set(random.sample([...Array(total).keys()], OUT_OF_STOCK_PRODUCTS));
  // Featured products: spread over the categories, a few from each.
  const featured = new Set(
    random.sample(
      [...Array(total).keys()].filter((i) => !outOfStock.has(i)),
      FEATURED_PRODUCTS,
    ),
  );
  const usedNames = new Set<string>();
  const products: SeedProduct[] = [];

  for (let index = 0; index < total; index++) {
    // Interleave categories so that "newest first" shows a mix of everything.
    const categoryIndex = index % PLANS.length;
    const plan = PLANS[categoryIndex];
    const category = categories[categoryIndex];
    if (!plan || !category) throw new Error("category plan missing");

    let name = "";
    let material = "";
    for (let attempt = 0; attempt < 50 && (name === "" || usedNames.has(name)); attempt++) {
      material = random.pick(plan.materials);
      name = `${random.pick(plan.adjectives)} ${material} ${random.pick(plan.nouns)}`;
    }
    // Word lists too small for a unique name: number it rather than loop forever.
    if (usedNames.has(name)) name = `${name} No. ${index + 1}`;
    usedNames.add(name);

    const number = pad(index + 1, 4);
    const slug = slugify(name);
    const [lead, ...rest] = plan.blurbs;
    const description = [lead ?? "", ...random.sample(rest, 2)]
      .map((s) => s.replaceAll("{name}", name).replaceAll("{material}", material.toLowerCase()))
      .join(" ");

    const base = price(random, plan.price);
    const soldOut = outOfStock.has(index);
    const variants = variantOptions(random, plan.axes).map((options, position): SeedVariant => {
      const values = Object.values(options);
      return {
        id: `var_${number}_${position + 1}`,
        sku: [
          plan.sku,
          number,
          ...values.map((v) =>
            v
              .replace(/[^A-Za-z0-9]/g, "")
              .slice(0, 3)
              .toUpperCase(),
          ),
        ].join("-"),
        name: values.length > 0 ? values.join(" / ") : "Default",
        options,
        // Bigger sizes and hardbacks cost a little more.
        priceAmount: base + position * (plan.slug === "books" || plan.axes[0]?.name === "size" ? 500 : 0),
        currency: "USD",
        stockOnHand: soldOut ? 0 : random.next() < 0.1 ? 0 : random.int(1, 120),
        position,
      };
    });
    // Sold-out variants of an otherwise available product must not make it sold out.
    const first = variants[0];
    if (!soldOut && first && variants.every((v) => v.stockOnHand === 0))
      first.stockOnHand = random.int(1, 40);

    const views = ["front view", "detail", "in use"];
    const images = views.slice(0, random.int(1, 3)).map((view, position): SeedImage => ({
      id: `img_${number}_${position + 1}`,
      url: `/product-images/${slug}/${position + 1}.svg`,
      alt: `${name}, ${view}`,
      width: 800,
      height: 800,
      position,
    }));

    products.push({
      id: `prod_${number}`,
      slug,
      name,
      description,
      categoryId: category.id,
      featured: featured.has(index),
      // Six hours apart, newest first by index: a stable order for pagination.
      createdAt: new Date(NEWEST - index * 6 * 3_600_000),
      variants,
      images,
    });
  }
  return { categories, products };
}
