/**
 * The currency the shop prices in. Price filters are typed by shoppers as decimal amounts in it
 * ("12.50") and travel in the URL that way; the API takes minor units, converted with its digits.
 */
export const SHOP_CURRENCY = "USD";
