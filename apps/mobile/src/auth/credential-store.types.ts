/** Where the app keeps its secrets; one implementation per platform (credential-store.*.ts). */
export interface CredentialStore {
  read(key: string): Promise<string | null>;
  write(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

/** The keys the app stores. */
export const CREDENTIAL_KEYS = {
  /** The bearer session token from a sign-in. */
  session: "bazaar.session-token",
  /** A guest's cart token (`X-Cart-Token`), until they sign in and the cart joins their account. */
  cart: "bazaar.cart-token",
} as const;
