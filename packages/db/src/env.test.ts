import { describe, expect, it } from "vitest";

import { ConfigError, readDbEnv, repoRoot } from "./env.ts";

describe("readDbEnv", () => {
  it("defaults to the embedded database under the repository's .data folder", () => {
    expect(readDbEnv({})).toEqual({
      DATABASE_URL: undefined,
      EMBEDDED_POSTGRES_PORT: 54329,
      BAZAAR_DATA_DIR: `${repoRoot}/.data`,
    });
    expect(readDbEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("accepts a PostgreSQL URL and a port", () => {
    const env = readDbEnv({
      DATABASE_URL: "postgresql://u:p@db.internal:5432/shop",
      EMBEDDED_POSTGRES_PORT: "6000",
    });
    expect(env.DATABASE_URL).toBe("postgresql://u:p@db.internal:5432/shop");
    expect(env.EMBEDDED_POSTGRES_PORT).toBe(6000);
  });

  it("names every bad variable in one readable error", () => {
    const read = () => readDbEnv({ DATABASE_URL: "mysql://localhost/shop", EMBEDDED_POSTGRES_PORT: "80" });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(
      "Invalid database configuration:\n" +
        "  DATABASE_URL: must be a postgres:// or postgresql:// URL\n" +
        "  EMBEDDED_POSTGRES_PORT: Too small: expected number to be >=1024",
    );
  });
});
