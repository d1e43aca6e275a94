// What `expo export` built (run after `pnpm build`, as `pnpm test:e2e`): each platform got its own
// credential store, and no server code reached either bundle (the API is imported for its types only).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

const dist = path.join(import.meta.dirname, "..", "dist");

/** The one JavaScript (web) or Hermes bytecode (Android) bundle of a platform's export, as text. */
function bundle(platform: "web" | "android"): string {
  const folder = path.join(dist, platform, "_expo", "static", "js", platform);
  const files = readdirSync(folder).filter((name) => /\.(js|hbc)$/.test(name));
  expect(files, `one bundle in ${folder}`).toHaveLength(1);
  return readFileSync(path.join(folder, files[0] ?? "")).toString("latin1");
}

// Strings only server code holds: the database client, the job queue, password hashing, mail.
const SERVER_ONLY = ["PrismaClient", "graphile-worker", "@node-rs/argon2", "nodemailer", "createTRPCRouter"];

describe.each(["web", "android"] as const)("the %s export", (platform) => {
  const code = bundle(platform);

  it("calls the API over tRPC and holds none of the server's code", () => {
    expect(code).toContain("/api/trpc");
    for (const marker of SERVER_ONLY) expect(code, marker).not.toContain(marker);
  });

  it("keeps the session token in the platform's own store", () => {
    expect(code).toContain("bazaar.session-token");
    if (platform === "android") {
      expect(code).toContain("ExpoSecureStore");
      expect(code).toContain("bazaar://auth");
    } else {
      expect(code).toContain("localStorage");
      expect(code).not.toContain("ExpoSecureStore");
    }
  });
});

it("the web export is one page that draws every route", () => {
  const html = readFileSync(path.join(dist, "web", "index.html"), "utf8");
  expect(html).toMatch(/<script src="\/_expo\/static\/js\/web\/entry-[0-9a-f]+\.js"/);
});
