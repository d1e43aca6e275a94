// The development and demo catalog, built from word lists by a seeded PRNG: every machine gets
// the same 300 products, prices and stock levels, so screenshots, tests and bug reports agree.

export interface SeedCategory {
  id: string;
  slug: string;
  name: string;
  description: string;
  position: number;
  /** The department it sits in, if any. */
  parentId: string | null;
}

export interface SeedVariant {
  id: string;
  sku: string;
  name: string;
  /** What tells the variants of one product apart, e.g. { size: "M", colour: "Navy" }. */
  options: Record<string, string>;
  /** Minor units (cents). */
  priceAmount: number;
  /** The "was" price, above priceAmount, for products on sale. */
  compareAtAmount: number | null;
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
  /** Top-level groups of categories; they hold no products of their own. */
  departments: SeedCategory[];
  /** The categories products sit in (some inside a department). */
  categories: SeedCategory[];
  products: SeedProduct[];
}

/** One way variants differ. `step` is added to the price (cents) per value further down the list. */
interface Axis {
  key: string;
  values: readonly string[];
  step?: number;
}

/** A kind of product, the materials it comes in, and (when not the category's) how it varies. */
interface Line {
  noun: string;
  /** Whole-dollar price range of a product's cheapest variant. */
  dollars: readonly [number, number];
  materials: readonly string[];
  axes?: readonly Axis[];
  /** "Chinos are", not "Chinos is": fills {is} in descriptions. */
  plural?: boolean;
}

interface CategoryPlan {
  slug: string;
  name: string;
  description: string;
  skuPrefix: string;
  adjectives: readonly string[];
  lines: readonly Line[];
  axes: readonly Axis[];
  /** First sentence of a description; {name}, {material} and {is} are filled in. */
  openers: readonly string[];
  details: readonly string[];
  closers: readonly string[];
  /** What each picture shows, in order. */
  views: readonly [string, string, string];
}

const CLOTHING_SIZES: Axis = { key: "size", values: ["XS", "S", "M", "L", "XL"] };
const SHOE_SIZES: Axis = {
  key: "size",
  values: ["EU 38", "EU 39", "EU 40", "EU 41", "EU 42", "EU 43", "EU 44", "EU 45"],
};
const colours = (...values: string[]): Axis => ({ key: "colour", values });

/** Longer names for the short size codes kept in `options`. */
const SIZE_LABELS: Readonly<Record<string, string>> = {
  XS: "Extra Small",
  S: "Small",
  M: "Medium",
  L: "Large",
  XL: "Extra Large",
};

const PLANS: readonly CategoryPlan[] = [
  {
    slug: "apparel",
    name: "Apparel",
    description: "Everyday clothing in natural fibres, cut to be worn for years rather than a season.",
    skuPrefix: "APP",
    adjectives: ["Relaxed", "Classic", "Heavyweight", "Cropped", "Tailored", "Garment-Dyed", "Oversized"],
    lines: [
      {
        noun: "Overshirt",
        dollars: [59, 129],
        materials: ["Linen", "Flannel", "Corduroy", "Organic Cotton"],
      },
      { noun: "T-Shirt", dollars: [19, 49], materials: ["Organic Cotton", "Linen", "Merino"] },
      { noun: "Chinos", dollars: [55, 98], materials: ["Organic Cotton", "Twill", "Linen"], plural: true },
      { noun: "Hoodie", dollars: [65, 139], materials: ["Loopback Cotton", "Merino"] },
      { noun: "Cardigan", dollars: [79, 149], materials: ["Merino", "Lambswool", "Cotton"] },
      { noun: "Jacket", dollars: [89, 229], materials: ["Denim", "Waxed Cotton", "Corduroy"] },
      { noun: "Shorts", dollars: [35, 69], materials: ["Linen", "Twill"], plural: true },
    ],
    axes: [CLOTHING_SIZES, colours("Navy", "Sand", "Olive", "Charcoal", "Rust", "Oatmeal", "Black")],
    openers: [
      "The {name} {is} cut from {material} that softens with every wash.",
      "Our {name} {is} a wardrobe staple, made in {material} that holds its shape.",
      "Made from {material}, the {name} {is} what you will reach for first each morning.",
    ],
    details: [
      "The fit is easy through the body without looking boxy.",
      "Reinforced seams and bar-tacked stress points keep it going for years.",
      "Garment washed before it leaves us, so it will not shrink on you.",
      "Deep pockets sit exactly where your hands expect them.",
    ],
    closers: [
      "Machine wash at 30°C and hang to dry.",
      "Runs true to size; size up for a looser fit.",
      "Made in a family-run factory we have worked with for a decade.",
    ],
    views: ["front view", "back view", "fabric detail"],
  },
  {
    slug: "footwear",
    name: "Footwear",
    description: "Shoes and boots built on comfortable lasts, with soles a cobbler can replace.",
    skuPrefix: "FTW",
    adjectives: ["Classic", "Everyday", "Lightweight", "Heritage", "Minimal", "Handmade", "City"],
    lines: [
      { noun: "Sneakers", dollars: [65, 140], materials: ["Canvas", "Suede", "Leather", "Knit"] },
      { noun: "Chelsea Boots", dollars: [150, 260], materials: ["Leather", "Suede"] },
      { noun: "Loafers", dollars: [120, 210], materials: ["Leather", "Suede"] },
      { noun: "Derby Shoes", dollars: [140, 240], materials: ["Leather", "Pebble-Grain Leather"] },
      { noun: "Sandals", dollars: [45, 110], materials: ["Leather", "Cork"] },
      { noun: "Running Shoes", dollars: [90, 170], materials: ["Mesh", "Knit"] },
      { noun: "Hiking Boots", dollars: [140, 250], materials: ["Nubuck", "Leather"] },
    ],
    axes: [SHOE_SIZES, colours("Black", "Brown", "Tan", "White", "Navy", "Grey")],
    openers: [
      "These {name} sit on a cushioned footbed that needs no breaking in.",
      "The {name} pair soft {material} with a grippy natural rubber sole.",
      "Our {name} are made from {material} and finished by hand.",
    ],
    details: [
      "The stitched sole can be replaced by any cobbler when it wears through.",
      "A padded collar and a roomy toe box keep long days comfortable.",
      "A removable cork insole moulds to your foot over the first few weeks.",
      "They are light enough to pack and sturdy enough for cobbled streets.",
    ],
    closers: [
      "Runs true to size; go half a size down if you are between sizes.",
      "Brush clean and treat the upper twice a year.",
    ],
    views: ["side view", "top view", "sole detail"],
  },
  {
    slug: "kitchen",
    name: "Kitchen",
    description: "Cookware and tools that work hard, clean up easily and look good on the counter.",
    skuPrefix: "KIT",
    adjectives: ["Professional", "Everyday", "Heritage", "Compact", "Heavy-Duty", "Classic", "Essential"],
    lines: [
      {
        noun: "Skillet",
        dollars: [35, 120],
        materials: ["Cast Iron", "Carbon Steel", "Stainless Steel"],
        axes: [{ key: "size", values: ["20 cm", "24 cm", "28 cm"], step: 1000 }],
      },
      {
        noun: "Saucepan",
        dollars: [45, 140],
        materials: ["Stainless Steel", "Copper", "Enamelled Steel"],
        axes: [{ key: "capacity", values: ["1.5 L", "2 L", "3 L"], step: 800 }],
      },
      {
        noun: "Dutch Oven",
        dollars: [80, 260],
        materials: ["Cast Iron", "Enamelled Cast Iron"],
        axes: [{ key: "capacity", values: ["3.5 L", "5 L", "6.5 L"], step: 2000 }],
      },
      {
        noun: "Chef's Knife",
        dollars: [49, 180],
        materials: ["Stainless Steel", "High-Carbon Steel"],
        axes: [{ key: "blade", values: ["15 cm", "20 cm", "23 cm"], step: 1000 }],
      },
      { noun: "Cutting Board", dollars: [28, 95], materials: ["Walnut", "Maple", "Olive Wood"] },
      { noun: "Mixing Bowl Set", dollars: [25, 75], materials: ["Stainless Steel", "Stoneware", "Glass"] },
      {
        noun: "Kettle",
        dollars: [45, 110],
        materials: ["Stainless Steel", "Enamelled Steel"],
        axes: [colours("Cream", "Black", "Sage")],
      },
      { noun: "Mortar and Pestle", dollars: [22, 60], materials: ["Granite", "Marble"] },
    ],
    axes: [],
    openers: [
      "This {name} is made from {material} and built for daily use.",
      "The {name} earns its place on the counter as well as in the cupboard.",
      "Our {name} is the one professional cooks keep coming back to.",
    ],
    details: [
      "Made to be used every day and to last for decades.",
      "Designed with chefs and tested in a busy restaurant kitchen.",
      "Well balanced, comfortable to hold and easy to clean.",
      "Generous proportions without taking over the cupboard.",
    ],
    closers: [
      "Wash by hand and dry straight away to keep it looking new.",
      "Backed by a lifetime guarantee against manufacturing faults.",
    ],
    views: ["front view", "in use", "close-up detail"],
  },
  {
    slug: "home-decor",
    name: "Home Decor",
    description: "Lamps, textiles and small pieces that make a room feel finished.",
    skuPrefix: "HOM",
    adjectives: ["Scandinavian", "Minimal", "Hand-Finished", "Sculptural", "Rustic", "Modern", "Coastal"],
    lines: [
      { noun: "Table Lamp", dollars: [69, 220], materials: ["Oak", "Brass", "Ceramic"] },
      { noun: "Throw Blanket", dollars: [49, 180], materials: ["Wool", "Cotton", "Alpaca"] },
      { noun: "Vase", dollars: [19, 85], materials: ["Stoneware", "Glass", "Terracotta"] },
      { noun: "Cushion Cover", dollars: [18, 55], materials: ["Linen", "Velvet", "Wool"] },
      { noun: "Wall Mirror", dollars: [79, 260], materials: ["Oak", "Brass", "Rattan"] },
      { noun: "Planter", dollars: [14, 69], materials: ["Terracotta", "Concrete", "Stoneware"] },
      { noun: "Candle Holder", dollars: [12, 48], materials: ["Brass", "Marble", "Glass"] },
      {
        noun: "Rug",
        dollars: [89, 320],
        materials: ["Jute", "Wool"],
        axes: [{ key: "size", values: ["120 x 180 cm", "160 x 230 cm"], step: 8000 }],
      },
    ],
    axes: [colours("Natural", "Ivory", "Charcoal", "Terracotta", "Sage")],
    openers: [
      "The {name} has a quiet, considered shape that suits almost any room.",
      "The {name} brings the warmth of {material} to a room.",
      "Our {name} is made in small batches from {material}.",
    ],
    details: [
      "Each piece is finished by hand, so small variations make yours unique.",
      "It sits as comfortably in a city flat as in a farmhouse kitchen.",
      "Simple enough to live with for years, interesting enough to notice.",
    ],
    closers: [
      "Dust with a soft, dry cloth and keep out of strong direct sunlight.",
      "Sent in plastic-free packaging that is fully recyclable.",
    ],
    views: ["styled in a room", "front view", "close-up detail"],
  },
  {
    slug: "books",
    name: "Books",
    description: "Practical, beautifully made books on cooking, making, nature and the outdoors.",
    skuPrefix: "BOK",
    adjectives: [
      "The Complete",
      "The Essential",
      "The Modern",
      "The Weekend",
      "The Practical",
      "A Beginner's",
    ],
    lines: [
      {
        noun: "Handbook",
        dollars: [18, 35],
        materials: ["Sourdough", "Woodworking", "Houseplant Care", "Bicycle Repair"],
      },
      {
        noun: "Field Guide",
        dollars: [14, 28],
        materials: ["Birdwatching", "Foraging", "Stargazing", "Rock Pooling"],
      },
      { noun: "Cookbook", dollars: [22, 40], materials: ["Baking", "Fermentation", "Preserving", "Pasta"] },
      { noun: "Companion", dollars: [16, 32], materials: ["Gardening", "Hiking", "Sewing", "Coffee"] },
      { noun: "Atlas", dollars: [25, 45], materials: ["Hiking", "Night Sky", "Cycling"] },
    ],
    axes: [{ key: "format", values: ["Paperback", "Hardcover"], step: 1000 }],
    openers: [
      "{name} is a practical, beautifully photographed guide to {material}.",
      "Everything you need to get started with {material}, and plenty to keep you going: that is {name}.",
    ],
    details: [
      "Step-by-step chapters take you from first attempts to confident results.",
      "Written by practitioners with decades of experience between them.",
      "Hundreds of colour photographs and clear diagrams sit alongside the text.",
    ],
    closers: [
      "Printed on FSC-certified paper with a sewn binding that lies flat.",
      "A thoughtful gift for anyone starting a new hobby.",
    ],
    views: ["front cover", "inside spread", "back cover"],
  },
  {
    slug: "toys",
    name: "Toys & Games",
    description: "Wooden toys, puzzles and games for long afternoons, built to be handed down.",
    skuPrefix: "TOY",
    adjectives: ["Classic", "Rainbow", "Pocket", "Family", "Deluxe", "Junior", "Montessori"],
    lines: [
      { noun: "Building Blocks", dollars: [24, 65], materials: ["Beech", "Maple", "Bamboo"], plural: true },
      {
        noun: "Jigsaw Puzzle",
        dollars: [15, 35],
        materials: ["Recycled Card", "Birch Plywood"],
        axes: [{ key: "pieces", values: ["500 pieces", "1000 pieces"], step: 500 }],
      },
      { noun: "Train Set", dollars: [39, 95], materials: ["Beech", "Maple"] },
      { noun: "Board Game", dollars: [22, 49], materials: ["Recycled Card"] },
      { noun: "Marble Run", dollars: [35, 89], materials: ["Beech", "Bamboo"] },
      { noun: "Stacking Rings", dollars: [12, 28], materials: ["Beech", "Silicone"], plural: true },
      { noun: "Play Kitchen Set", dollars: [59, 140], materials: ["Birch Plywood", "Felt"] },
      { noun: "Dominoes", dollars: [18, 45], materials: ["Walnut", "Beech"], plural: true },
    ],
    axes: [],
    openers: [
      "The {name} {is} made from {material} and finished with water-based, child-safe paints.",
      "Our {name} {is} crafted from {material} to survive years of enthusiastic play.",
    ],
    details: [
      "Simple to learn, endlessly replayable, and sturdy enough for younger siblings.",
      "Encourages open-ended play, problem solving and a little patience.",
      "Every edge is rounded and every piece is too big to swallow.",
    ],
    closers: [
      "Tested to EN 71 toy safety standards; suitable from age three.",
      "Comes in a recyclable box that doubles as storage.",
    ],
    views: ["front view", "at play", "in its box"],
  },
  {
    slug: "outdoor",
    name: "Outdoor",
    description: "Gear for camping, hiking and long days outside, tested in properly bad weather.",
    skuPrefix: "OUT",
    adjectives: ["Ultralight", "Packable", "Alpine", "Trekking", "Expedition", "Trail", "All-Season"],
    lines: [
      {
        noun: "Daypack",
        dollars: [49, 149],
        materials: ["Ripstop Nylon", "Recycled Polyester", "Waxed Canvas"],
      },
      {
        noun: "Sleeping Bag",
        dollars: [89, 349],
        materials: ["Down", "Synthetic"],
        axes: [{ key: "length", values: ["Regular", "Long"], step: 2000 }],
      },
      {
        noun: "Tent",
        dollars: [149, 499],
        materials: ["Ripstop Nylon", "Silnylon"],
        axes: [{ key: "capacity", values: ["1-Person", "2-Person", "3-Person"], step: 5000 }],
      },
      { noun: "Headlamp", dollars: [19, 59], materials: ["Aluminium"] },
      { noun: "Water Bottle", dollars: [18, 45], materials: ["Stainless Steel", "Titanium"] },
      { noun: "Camp Stove", dollars: [39, 129], materials: ["Titanium", "Aluminium"], axes: [] },
      { noun: "Trekking Poles", dollars: [49, 159], materials: ["Carbon", "Aluminium"], plural: true },
    ],
    axes: [colours("Forest", "Slate", "Orange", "Black")],
    openers: [
      "Our {name} {is} made from {material} to stay light without giving up strength.",
      "The {name} {is} built from {material} for trips where every gram counts.",
      "Designed with mountain guides and tested on their trips: meet the {name}.",
    ],
    details: [
      "Field-tested through wet winters and long summer trails.",
      "Packs down small enough to live in the bottom of a rucksack.",
      "Simple, glove-friendly buckles and zips that work when your hands are cold.",
    ],
    closers: [
      "Backed by a free repair service for the life of the product.",
      "Made without PFAS water repellents.",
    ],
    views: ["front view", "on the trail", "packed down"],
  },
  {
    slug: "electronics-accessories",
    name: "Electronics Accessories",
    description: "Chargers, cables, stands and audio that work with the devices you already own.",
    skuPrefix: "ELE",
    adjectives: ["Compact", "Travel", "Pro", "Slim", "Everyday", "Studio", "Rugged"],
    lines: [
      { noun: "Charger", dollars: [19, 59], materials: ["USB-C", "GaN"] },
      {
        noun: "Charging Cable",
        dollars: [9, 29],
        materials: ["Braided USB-C", "Braided Lightning"],
        axes: [{ key: "length", values: ["1 m", "2 m"], step: 300 }],
      },
      { noun: "Laptop Stand", dollars: [35, 99], materials: ["Aluminium", "Walnut"] },
      { noun: "Earbuds", dollars: [49, 229], materials: ["Wireless", "Noise-Cancelling"], plural: true },
      { noun: "Power Bank", dollars: [25, 79], materials: ["Magnetic", "USB-C"] },
      { noun: "Speaker", dollars: [39, 199], materials: ["Bluetooth", "Waterproof Bluetooth"] },
      { noun: "Phone Case", dollars: [15, 49], materials: ["Silicone", "Leather", "Recycled Plastic"] },
      { noun: "Keyboard", dollars: [59, 189], materials: ["Mechanical", "Low-Profile"] },
    ],
    axes: [colours("Black", "White", "Graphite", "Silver")],
    openers: [
      "The {name} {is} made to work with the phones, tablets and laptops you already own.",
      "Meet the {name}, our take on something you use every day.",
    ],
    details: [
      "Certified safe, with protection against overheating and overcharging.",
      "Compact enough for a bag, solid enough to live on the desk.",
      "Set up takes seconds: no apps, no accounts, no fuss.",
    ],
    closers: [
      "Covered by a two-year warranty.",
      "Ships in a small, plastic-free box with no unnecessary extras.",
    ],
    views: ["front view", "on a desk", "close-up detail"],
  },
  {
    slug: "beauty",
    name: "Beauty & Care",
    description: "Skincare, bath and grooming essentials with short, honest ingredient lists.",
    skuPrefix: "BEA",
    adjectives: ["Gentle", "Nourishing", "Daily", "Restoring", "Fragrance-Free", "Botanical", "Calming"],
    lines: [
      { noun: "Face Cream", dollars: [18, 58], materials: ["Oat", "Rosehip", "Squalane"] },
      { noun: "Body Wash", dollars: [9, 24], materials: ["Sea Salt", "Lavender", "Citrus"] },
      { noun: "Hand Balm", dollars: [8, 22], materials: ["Shea", "Beeswax", "Calendula"] },
      { noun: "Cleansing Oil", dollars: [16, 42], materials: ["Jojoba", "Camellia"] },
      { noun: "Shampoo Bar", dollars: [9, 16], materials: ["Rosemary", "Coconut"], axes: [] },
      { noun: "Lip Balm", dollars: [4, 9], materials: ["Beeswax", "Shea"], axes: [] },
      { noun: "Bath Soak", dollars: [12, 30], materials: ["Magnesium", "Oat"] },
    ],
    axes: [{ key: "size", values: ["50 ml", "100 ml", "200 ml"], step: 400 }],
    openers: [
      "The {name} is made for sensitive and easily irritated skin.",
      "Our {name} is built around {material} and very little else.",
    ],
    details: [
      "Dermatologist tested and never tested on animals.",
      "Absorbs quickly and leaves no greasy film behind.",
      "Free from parabens, sulphates and synthetic colours.",
    ],
    closers: [
      "Packed in recyclable aluminium and glass.",
      "A little goes a long way: most people make one last three months.",
    ],
    views: ["front view", "texture detail", "in the bathroom"],
  },
  {
    slug: "stationery",
    name: "Stationery",
    description: "Notebooks, pens and desk things for people who still like writing on paper.",
    skuPrefix: "STA",
    adjectives: ["Classic", "Pocket", "Desk", "Everyday", "Studio", "Limited Edition", "Travel"],
    lines: [
      {
        noun: "Notebook",
        dollars: [9, 32],
        materials: ["Recycled Paper", "Linen-Bound", "Leather-Bound"],
        axes: [{ key: "ruling", values: ["Dotted", "Lined", "Plain"] }],
      },
      { noun: "Fountain Pen", dollars: [25, 120], materials: ["Brass", "Aluminium", "Resin"] },
      { noun: "Weekly Planner", dollars: [18, 38], materials: ["Linen-Bound", "Recycled Paper"] },
      { noun: "Pencil Case", dollars: [12, 45], materials: ["Canvas", "Leather", "Felt"] },
      { noun: "Desk Organiser", dollars: [22, 69], materials: ["Bamboo", "Cork", "Walnut"], axes: [] },
      { noun: "Sketchbook", dollars: [12, 36], materials: ["Cotton Paper", "Recycled Paper"], axes: [] },
      { noun: "Ballpoint Pen", dollars: [8, 45], materials: ["Brass", "Aluminium"] },
    ],
    axes: [colours("Black", "Navy", "Forest", "Burgundy")],
    openers: [
      "The {name} is made to be used every day and carried everywhere.",
      "Our {name} is simple, sturdy and quietly handsome.",
    ],
    details: [
      "Smooth 100 gsm paper takes fountain pen ink without bleeding through.",
      "Designed in a small studio and made by a family-run workshop.",
      "Built to be refilled, not replaced.",
    ],
    closers: [
      "A quiet luxury for lists, letters and long-term plans.",
      "Wrapped in recycled tissue, ready to give.",
    ],
    views: ["front view", "open on a desk", "close-up detail"],
  },
];

const PRODUCTS_PER_CATEGORY = 30;
const FEATURED_EXTRA = 2; // one featured product per category, plus this many more
const CURRENCY = "USD";
/** The newest product's creation time; each next one is PRODUCT_SPACING_MS older. */
const NEWEST = Date.UTC(2026, 10, 1);
const PRODUCT_SPACING_MS = 5 * 3_600_000;
const SEED = 0x5eed_ba2a;

type Random = ReturnType<typeof mulberry32>;

/** Mulberry32: a tiny 32-bit PRNG, so the catalog needs no library and never Math.random. */
function mulberry32(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
  /** An integer in [min, max]. */
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => at(items, int(0, items.length - 1));
  /** Fisher–Yates on a copy. */
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(0, i);
      [copy[i], copy[j]] = [at(copy, j), at(copy, i)];
    }
    return copy;
  };
  return { next, int, pick, shuffle };
}

/** Indexed access that fails loudly instead of yielding undefined (noUncheckedIndexedAccess). */
function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item at index ${index}`);
  return item;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Mid-sentence form: "Cast Iron" becomes "cast iron", while "USB-C" and "GaN" stay as they are. */
function midSentence(text: string): string {
  return text
    .split(" ")
    .map((word) => (/^[A-Z][a-z]+(?:-[a-z]+)*$/.test(word) ? word.toLowerCase() : word))
    .join(" ");
}

/** Short SKU code for an option value: "Navy" → "NAV", "1.5 L" → "15L", "1-Person" → "1P". */
function skuCode(value: string): string {
  if (!/\d/.test(value))
    return value
      .replace(/[^A-Za-z]/g, "")
      .slice(0, 3)
      .toUpperCase();
  return value
    .split(/[\s-]+/)
    .map((part) => (/\d/.test(part) || part.length <= 2 ? part.replace(/[^A-Za-z0-9]/g, "") : part.charAt(0)))
    .join("")
    .toUpperCase();
}

function duplicateWords(text: string): string[] {
  const words = text.toLowerCase().split(/[\s-]+/);
  return words.filter((word, i) => words.indexOf(word) !== i);
}

interface NameChoice {
  name: string;
  slug: string;
  material: string;
  line: Line;
}

/**
 * Names for one category: every adjective × noun × material combination, shuffled, taking the
 * first ones whose slug no other product has. Deterministic, and duplicates are impossible.
 */
function chooseNames(random: Random, plan: CategoryPlan, taken: Set<string>): NameChoice[] {
  const combinations = plan.adjectives.flatMap((adjective) =>
    plan.lines.flatMap((line) =>
      line.materials
        .map((material) => ({ name: `${adjective} ${material} ${line.noun}`, material, line }))
        // No "Trekking … Trekking Poles" or "Desk … Desk Organiser".
        .filter(({ name }) => duplicateWords(name).length === 0),
    ),
  );
  const chosen: NameChoice[] = [];
  for (const combination of random.shuffle(combinations)) {
    if (chosen.length === PRODUCTS_PER_CATEGORY) break;
    const slug = slugify(combination.name);
    if (taken.has(slug)) continue;
    taken.add(slug);
    chosen.push({ ...combination, slug });
  }
  if (chosen.length < PRODUCTS_PER_CATEGORY) throw new Error(`too few distinct names for ${plan.slug}`);
  return chosen;
}

function writeDescription(random: Random, plan: CategoryPlan, choice: NameChoice): string {
  const fill = (sentence: string) =>
    sentence
      .replaceAll("{name}", choice.name)
      .replaceAll("{material}", midSentence(choice.material))
      .replaceAll("{is}", choice.line.plural ? "are" : "is");
  const sentences = [random.pick(plan.openers), random.pick(plan.details)];
  if (random.next() < 0.6) sentences.push(random.pick(plan.closers));
  return sentences.map(fill).join(" ");
}

/** Pick 1..max values of an axis, kept in the axis's own order (S before M, 20 cm before 24 cm). */
function someValues(random: Random, axis: Axis, max: number): { value: string; index: number }[] {
  const count = random.int(1, Math.min(max, axis.values.length));
  const indexes = random
    .shuffle(axis.values.map((_, index) => index))
    .slice(0, count)
    .sort((a, b) => a - b);
  return indexes.map((index) => ({ value: at(axis.values, index), index }));
}

interface VariantShape {
  options: Record<string, string>;
  name: string;
  codes: string[];
  surcharge: number;
}

/** One to four option combinations; with two axes, at most two values of each. */
function variantShapes(random: Random, axes: readonly Axis[]): VariantShape[] {
  const [first, second] = axes;
  if (!first) return [{ options: {}, name: "Default", codes: [], surcharge: 0 }];
  let shapes: VariantShape[] = [{ options: {}, name: "", codes: [], surcharge: 0 }];
  for (const axis of second ? [first, second] : [first]) {
    const values = someValues(random, axis, second ? 2 : 4);
    shapes = shapes.flatMap((shape) =>
      values.map(({ value, index }) => ({
        options: { ...shape.options, [axis.key]: value },
        name: shape.name ? `${shape.name} / ${SIZE_LABELS[value] ?? value}` : (SIZE_LABELS[value] ?? value),
        codes: [...shape.codes, skuCode(value)],
        surcharge: shape.surcharge + index * (axis.step ?? 0),
      })),
    );
  }
  return shapes;
}

/** A shop price in cents: whole dollars ending in .00, .50 or .99 (the last the most common). */
function basePrice(random: Random, [min, max]: readonly [number, number]): number {
  return random.int(min, max) * 100 + random.pick([0, 50, 99, 99, 99]);
}

/** Stock for one variant of a product that is not sold out: mostly healthy, sometimes low. */
function stockLevel(random: Random): number {
  return random.next() < 0.08 ? random.int(1, 5) : random.int(6, 120);
}

/** Departments and the categories they hold; the others stand on their own at the top. */
const DEPARTMENTS = [
  {
    slug: "clothing-and-shoes",
    name: "Clothing & Shoes",
    description: "Everything to wear, from everyday basics to boots for the trail.",
    holds: ["apparel", "footwear"],
  },
  {
    slug: "home-and-kitchen",
    name: "Home & Kitchen",
    description: "Cook, serve and settle in: kitchenware and things that make a home.",
    holds: ["kitchen", "home-decor"],
  },
  {
    slug: "play-and-outdoors",
    name: "Play & Outdoors",
    description: "Books, toys and gear for time off, indoors and out.",
    holds: ["books", "toys", "outdoor"],
  },
] as const;

/** Every seventh product is on sale: its "was" price is a quarter above, ending in 99 cents. */
function compareAtFor(index: number, price: number): number | null {
  return index % 7 === 3 ? Math.ceil((price * 1.25) / 100) * 100 - 1 : null;
}

export function buildCatalog(): SeedCatalog {
  const random = mulberry32(SEED);
  const departments: SeedCategory[] = DEPARTMENTS.map((department, i) => ({
    id: `dept_${i + 1}`,
    slug: department.slug,
    name: department.name,
    description: department.description,
    position: i + 1,
    parentId: null,
  }));
  const categories: SeedCategory[] = PLANS.map((plan, i) => ({
    id: `cat_${pad(i + 1, 2)}`,
    slug: plan.slug,
    name: plan.name,
    description: plan.description,
    position: i + 1,
    parentId:
      departments[DEPARTMENTS.findIndex((d) => (d.holds as readonly string[]).includes(plan.slug))]?.id ??
      null,
  }));

  const takenSlugs = new Set<string>();
  const names = PLANS.map((plan) => chooseNames(random, plan, takenSlugs));

  // One sold-out product per category (exactly ten), and featured products spread over all of
  // them: one each, plus a second in FEATURED_EXTRA categories; never a sold-out one.
  const soldOut = PLANS.map(() => random.int(0, PRODUCTS_PER_CATEGORY - 1));
  const featured = PLANS.map(() => new Set<number>());
  const feature = (c: number) => {
    const picks = at(featured, c);
    const candidates = [...Array(PRODUCTS_PER_CATEGORY).keys()].filter(
      (k) => k !== soldOut[c] && !picks.has(k),
    );
    picks.add(random.pick(candidates));
  };
  PLANS.forEach((_, c) => feature(c));
  for (const c of random.shuffle([...PLANS.keys()]).slice(0, FEATURED_EXTRA)) feature(c);

  const products: SeedProduct[] = [];
  // Interleave the categories so that "newest first" shows a mix of everything.
  for (let k = 0; k < PRODUCTS_PER_CATEGORY; k++) {
    for (const [c, plan] of PLANS.entries()) {
      const index = products.length;
      const number = pad(index + 1, 4);
      const choice = at(at(names, c), k);
      const { name, slug, line } = choice;
      const isSoldOut = soldOut[c] === k;

      const base = basePrice(random, line.dollars);
      const variants = variantShapes(random, line.axes ?? plan.axes).map((shape, position): SeedVariant => ({
        id: `var_${number}_${position + 1}`,
        sku: [plan.skuPrefix, number, ...shape.codes].join("-"),
        name: shape.name,
        options: shape.options,
        priceAmount: base + shape.surcharge,
        compareAtAmount: compareAtFor(index, base + shape.surcharge),
        currency: CURRENCY,
        stockOnHand: isSoldOut ? 0 : stockLevel(random),
        position,
      }));
      // Some products have run out of one option only; they must still be buyable.
      if (!isSoldOut && variants.length > 1 && random.next() < 0.25) {
        at(variants, random.int(0, variants.length - 1)).stockOnHand = 0;
      }

      const colour = variants[0]?.options.colour;
      const subject = colour ? `${name} in ${colour}` : name;
      const images = plan.views.slice(0, random.int(1, 3)).map((view, position): SeedImage => ({
        id: `img_${number}_${position + 1}`,
        url: `/media/placeholders/${slug}-${position + 1}.png`,
        alt: `${subject}, ${view}`,
        width: 800,
        height: 800,
        position,
      }));

      products.push({
        id: `prod_${number}`,
        slug,
        name,
        description: writeDescription(random, plan, choice),
        categoryId: at(categories, c).id,
        featured: at(featured, c).has(k),
        createdAt: new Date(NEWEST - index * PRODUCT_SPACING_MS),
        variants,
        images,
      });
    }
  }
  return { departments, categories, products };
}
