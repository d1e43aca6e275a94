// On a phone, the session token and the guest cart's token live in the system keychain /
// keystore (expo-secure-store), not in plain app storage.
import * as SecureStore from "expo-secure-store";

import type { CredentialStore } from "./credential-store.types";

export const credentialStore: CredentialStore = {
  read: (key) => SecureStore.getItemAsync(key),
  write: (key, value) => SecureStore.setItemAsync(key, value),
  remove: (key) => SecureStore.deleteItemAsync(key),
};
