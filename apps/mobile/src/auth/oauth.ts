// OAuth sign-in through the system browser (decision 0025): the shop is the app's authorization
// server. The app makes a PKCE verifier, opens the shop's start page with its SHA-256 challenge,
// and gets back a one-time code on its redirect URI, which only the holder of the verifier can
// trade for a session (`account.signInWithAppCode`).
import * as Crypto from "expo-crypto";
import * as Linking from "expo-linking";
import * as WebBrowser from "expo-web-browser";
import { Platform } from "react-native";

import { API_ORIGIN } from "../env";

export interface AppSignInCode {
  code: string;
  codeVerifier: string;
  redirectUri: string;
}

/** Where the shop sends the browser back: the app's scheme, or the web build's callback page. */
function redirectUri(): string {
  return Platform.OS === "web" ? `${window.location.origin}/auth/callback` : "bazaar://auth";
}

const base64Url = (base64: string) => base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function randomToken(bytes: number): string {
  const random = Crypto.getRandomBytes(bytes);
  return base64Url(btoa(String.fromCharCode(...random)));
}

/**
 * Sign in with `provider` in the browser. Resolves to the code to exchange, or null when the
 * shopper closed the browser; throws when the shop or the provider refused.
 */
export async function authorizeInBrowser(provider: string): Promise<AppSignInCode | null> {
  const codeVerifier = randomToken(32);
  const challenge = base64Url(
    await Crypto.digestStringAsync(Crypto.CryptoDigestAlgorithm.SHA256, codeVerifier, {
      encoding: Crypto.CryptoEncoding.BASE64,
    }),
  );
  const state = randomToken(16);
  const redirect = redirectUri();
  const query = new URLSearchParams({
    provider,
    redirect_uri: redirect,
    code_challenge: challenge,
    code_challenge_method: "S256",
    state,
  });
  const result = await WebBrowser.openAuthSessionAsync(`${API_ORIGIN}/api/app-auth/start?${query}`, redirect);
  if (result.type !== "success") return null;
  const { queryParams } = Linking.parse(result.url);
  // Not the answer to this request (a stale or forged redirect): ignore it.
  if (queryParams?.state !== state)
    throw new Error("The sign-in came back for another request. Please try again.");
  if (typeof queryParams.code !== "string") {
    throw new Error(
      queryParams.error === "access_denied"
        ? "The sign-in was cancelled or refused."
        : "The sign-in did not complete. Please try again.",
    );
  }
  return { code: queryParams.code, codeVerifier, redirectUri: redirect };
}
