import { describe, expect, it } from "vitest";

import { devMailboxEnabled } from "./dev-mailbox";

describe("devMailboxEnabled", () => {
  it("is on in development and tests while mail stays in the database", () => {
    expect(devMailboxEnabled({ NODE_ENV: "development" })).toBe(true);
    expect(devMailboxEnabled({ NODE_ENV: "test", SMTP_URL: "" })).toBe(true);
    expect(devMailboxEnabled({})).toBe(true);
  });

  it("is off in production, whatever else is set", () => {
    expect(devMailboxEnabled({ NODE_ENV: "production" })).toBe(false);
    expect(devMailboxEnabled({ NODE_ENV: "production", SMTP_URL: "" })).toBe(false);
  });

  it("is off whenever real mail goes out", () => {
    expect(devMailboxEnabled({ NODE_ENV: "development", SMTP_URL: "smtp://127.0.0.1:2525" })).toBe(false);
    expect(devMailboxEnabled({ SMTP_URL: "smtps://mail.example" })).toBe(false);
  });
});
