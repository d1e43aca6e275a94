import { useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

import type { Credentials } from "../api/credentials";

interface SessionState {
  signedIn: boolean;
  /** Keep the token of a sign-in; the guest cart was joined to the account by the server. */
  signedInWith(token: string): Promise<void>;
  /** Forget the token (the server session is ended by the caller first, when it can be). */
  forget(): Promise<void>;
  /** Keep the token of a guest cart the server just made. */
  rememberCart(token: string): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/**
 * Who the app is signed in as. Signing in or out empties the query cache (on the device too):
 * what one shopper saw must not show for the next.
 */
export function SessionProvider({
  credentials,
  children,
}: {
  credentials: Credentials;
  children: ReactNode;
}) {
  const queryClient = useQueryClient();
  const [signedIn, setSignedIn] = useState(credentials.session !== null);

  const signedInWith = useCallback(
    async (token: string) => {
      await credentials.setSession(token);
      await credentials.setCart(null);
      queryClient.clear();
      setSignedIn(true);
    },
    [credentials, queryClient],
  );
  const forget = useCallback(async () => {
    await credentials.setSession(null);
    await credentials.setCart(null);
    queryClient.clear();
    setSignedIn(false);
  }, [credentials, queryClient]);
  const rememberCart = useCallback((token: string) => credentials.setCart(token), [credentials]);

  const value = useMemo(
    () => ({ signedIn, signedInWith, forget, rememberCart }),
    [signedIn, signedInWith, forget, rememberCart],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}
