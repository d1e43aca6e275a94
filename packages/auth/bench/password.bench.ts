// How long one Argon2id hash takes with Bazaar's settings (19 MiB, t=2, p=1). It bounds how many
// password sign-ins a core can check per second (one verify each), and is the price an attacker
// pays per guess. `pnpm bench` prints the figures; nothing here asserts on time.
import { test } from "vitest";

import { hashPassword, verifyPassword } from "../src/password.ts";

const PASSWORD = "a reasonably long passphrase";
const OPTIONS = { iterations: 40, time: 2_000 };

test("Argon2id cost per password", async ({ bench }) => {
  const stored = await hashPassword(PASSWORD);
  await bench("hash (sign-up, change, reset)", async () => {
    await hashPassword(PASSWORD);
  }).run(OPTIONS);
  await bench("verify (one sign-in)", async () => {
    await verifyPassword(stored, PASSWORD);
  }).run(OPTIONS);
  // Hashing runs on libuv's thread pool, so sign-ins use every core: two at once shows the
  // machine's rate (divide by the mean for sign-ins per second on this box).
  await bench("verify, two at once", async () => {
    await Promise.all([verifyPassword(stored, PASSWORD), verifyPassword(stored, PASSWORD)]);
  }).run(OPTIONS);
});
