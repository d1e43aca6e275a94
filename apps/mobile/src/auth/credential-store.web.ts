// expo-secure-store has no web implementation. The web build of the app exists for development
// and for the browser tests (the shop's real web front is the Next.js app, with httpOnly
// cookies), so it keeps the tokens in localStorage: like the phone's keychain they survive a
// restart, unlike it any script on the origin can read them.
import type { CredentialStore } from "./credential-store.types";

export const credentialStore: CredentialStore = {
  read: (key) => Promise.resolve(localStorage.getItem(key)),
  write: (key, value) => Promise.resolve(localStorage.setItem(key, value)),
  remove: (key) => Promise.resolve(localStorage.removeItem(key)),
};
