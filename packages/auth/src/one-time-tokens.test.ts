import { createTestDatabase } from "@bazaar/db/testing";
import { beforeAll, describe, expect, it } from "vitest";

import { consumeAuthToken, issueAuthToken, TOKEN_LIFETIME_MINUTES } from "./one-time-tokens.ts";
import { hashToken } from "./tokens.ts";

const { db } = await createTestDatabase();
const T0 = new Date("2026-06-01T12:00:00Z");
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

beforeAll(async () => {
  await db.user.create({ data: { id: "u_link", email: "link@example.com" } });
});

describe("one-time link tokens", () => {
  it("are stored hashed and work exactly once", async () => {
    const token = await issueAuthToken(db, "u_link", "RESET_PASSWORD", T0);
    const rows = await db.authToken.findMany({ where: { userId: "u_link", purpose: "RESET_PASSWORD" } });
    expect(rows.map((r) => r.tokenHash)).toEqual([hashToken(token)]);
    expect(await consumeAuthToken(db, "RESET_PASSWORD", token, later(1))).toBe("u_link");
    expect(await consumeAuthToken(db, "RESET_PASSWORD", token, later(2))).toBeNull();
  });

  it("expire after their lifetime", async () => {
    const minutes = TOKEN_LIFETIME_MINUTES.MAGIC_LINK;
    const token = await issueAuthToken(db, "u_link", "MAGIC_LINK", T0);
    expect(await consumeAuthToken(db, "MAGIC_LINK", token, later(minutes))).toBeNull();
    const fresh = await issueAuthToken(db, "u_link", "MAGIC_LINK", T0);
    expect(await consumeAuthToken(db, "MAGIC_LINK", fresh, later(minutes - 1))).toBe("u_link");
  });

  it("only work for their own purpose", async () => {
    const token = await issueAuthToken(db, "u_link", "VERIFY_EMAIL", T0);
    expect(await consumeAuthToken(db, "RESET_PASSWORD", token, later(1))).toBeNull();
    expect(await consumeAuthToken(db, "VERIFY_EMAIL", token, later(1))).toBe("u_link");
  });

  it("stop working when a newer link is mailed", async () => {
    const first = await issueAuthToken(db, "u_link", "RESET_PASSWORD", T0);
    const second = await issueAuthToken(db, "u_link", "RESET_PASSWORD", later(1));
    expect(await consumeAuthToken(db, "RESET_PASSWORD", first, later(2))).toBeNull();
    expect(await consumeAuthToken(db, "RESET_PASSWORD", second, later(2))).toBe("u_link");
  });

  it("refuse malformed and unknown tokens without error", async () => {
    expect(await consumeAuthToken(db, "VERIFY_EMAIL", "' OR 1=1 --", T0)).toBeNull();
    expect(await consumeAuthToken(db, "VERIFY_EMAIL", "A".repeat(43), T0)).toBeNull();
  });

  it("can be used once even when two requests race", async () => {
    const token = await issueAuthToken(db, "u_link", "MAGIC_LINK", T0);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => consumeAuthToken(db, "MAGIC_LINK", token, later(1))),
    );
    expect(results.filter((r) => r === "u_link")).toHaveLength(1);
  });
});
