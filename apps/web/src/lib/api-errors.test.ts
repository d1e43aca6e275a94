import { describe, expect, it } from "vitest";

import { formProblem, type ApiError } from "./api-errors";

/** A refused call as the browser's tRPC client holds it (only what formProblem reads). */
const refusal = (message: string, data: Partial<NonNullable<ApiError["data"]>>) =>
  ({ message, data: { fieldErrors: null, stockConflicts: null, ...data } }) as unknown as ApiError;

describe("formProblem", () => {
  it("names the items that sold out or ran short, not the server's sentence", () => {
    const error = refusal("Your cart changed. Please check it before paying: …", {
      code: "CONFLICT",
      stockConflicts: [
        { variantId: "v1", productName: "Kettle", variantName: "Large", requested: 1, available: 0 },
        { variantId: "v2", productName: "Mug", variantName: "Blue", requested: 4, available: 3 },
      ],
    });
    expect(formProblem(error)).toBe("Kettle (Large) sold out. Mug (Blue): only 3 left.");
  });

  it("says any other refusal as the server does, or beside its field", () => {
    expect(formProblem(refusal("That order has already shipped.", { code: "CONFLICT" }))).toBe(
      "That order has already shipped.",
    );
    const invalid = refusal("Invalid input.", { fieldErrors: { cart: ["is empty"] } });
    expect([formProblem(invalid), formProblem(invalid, ["cart"])]).toEqual(["Cart is empty.", null]);
  });
});
