import { idempotencyKeySchema } from "@bazaar/validators";
import { describe, expect, it } from "vitest";

import { attemptKeys } from "./attempt-key";

describe("attemptKeys", () => {
  const order = { email: "sam@example.test", address: { postalCode: "94607" }, shippingRate: "standard" };

  it("keeps the key while the same order is sent again, and makes a new one when it changes", () => {
    const keyFor = attemptKeys();
    const first = keyFor(order);
    expect(keyFor({ ...order })).toBe(first);
    const changed = keyFor({ ...order, shippingRate: "express" });
    expect(changed).not.toBe(first);
    // Only the latest attempt is remembered: going back to an earlier input starts another.
    expect(keyFor(order)).not.toBe(first);
  });

  it("makes keys the API accepts", () => {
    expect(idempotencyKeySchema.safeParse(attemptKeys()(order)).success).toBe(true);
  });
});
