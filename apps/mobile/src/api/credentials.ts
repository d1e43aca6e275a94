import { CREDENTIAL_KEYS, type CredentialStore } from "../auth/credential-store.types";

/**
 * The tokens every request carries, held in memory for the request links and mirrored to the
 * platform's credential store. The session provider (auth/session.tsx) loads and changes them.
 */
export class Credentials {
  session: string | null = null;
  cart: string | null = null;

  constructor(private readonly store: CredentialStore) {}

  async load(): Promise<void> {
    [this.session, this.cart] = await Promise.all([
      this.store.read(CREDENTIAL_KEYS.session),
      this.store.read(CREDENTIAL_KEYS.cart),
    ]);
  }

  async setSession(token: string | null): Promise<void> {
    this.session = token;
    await (token
      ? this.store.write(CREDENTIAL_KEYS.session, token)
      : this.store.remove(CREDENTIAL_KEYS.session));
  }

  async setCart(token: string | null): Promise<void> {
    this.cart = token;
    await (token ? this.store.write(CREDENTIAL_KEYS.cart, token) : this.store.remove(CREDENTIAL_KEYS.cart));
  }

  /** What the API reads: the bearer session and, for a guest, the cart they hold. */
  headers(): Record<string, string> {
    const headers: Record<string, string> = {};
    if (this.session) headers.authorization = `Bearer ${this.session}`;
    if (this.cart) headers["x-cart-token"] = this.cart;
    return headers;
  }
}
