import Constants from "expo-constants";
import { Platform } from "react-native";

/**
 * The shop's origin, which serves the API (`/api/trpc`) and product pictures.
 *
 * `EXPO_PUBLIC_API_URL` is written into the bundle when it is built (export with `--clear` after
 * changing it: Metro's cache keeps the old value). Unset, the web build calls the origin it is served from, and
 * a development build on a phone calls port 3000 of the machine running `expo start`.
 */
function resolveApiOrigin(): string {
  const configured = process.env.EXPO_PUBLIC_API_URL?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  if (Platform.OS === "web") return window.location.origin;
  const devHost = Constants.expoConfig?.hostUri?.split(":")[0];
  if (devHost) return `http://${devHost}:3000`;
  throw new Error("EXPO_PUBLIC_API_URL is not set: a release build must say where the shop's API is.");
}

export const API_ORIGIN = resolveApiOrigin();

/** An absolute address for a path the API hands out (pictures are stored as `/media/...`). */
export function apiUrl(path: string): string {
  return /^https?:\/\//.test(path) ? path : `${API_ORIGIN}${path}`;
}
