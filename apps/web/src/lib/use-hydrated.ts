import { useSyncExternalStore } from "react";

// Nothing to subscribe to: the value only changes once, from the server's answer to the browser's.
const subscribe = () => () => undefined;

/**
 * False in the server's HTML and while it hydrates, true once JavaScript runs: controls that need
 * no JavaScript (a "next page" link, an "Apply" button) can give way to instant ones.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
