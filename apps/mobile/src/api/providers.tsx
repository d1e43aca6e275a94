import { useQueryClient } from "@tanstack/react-query";
import { PersistQueryClientProvider } from "@tanstack/react-query-persist-client";
import { useEffect, useState, type ReactNode } from "react";

import { credentialStore } from "../auth/credential-store";
import { SessionProvider, useSession } from "../auth/session";
import { Loading } from "../ui/states";
import { createApiClient } from "./client";
import { Credentials } from "./credentials";
import { CACHE_MAX_AGE_MS, makeQueryClient, queryPersister } from "./query-client";
import { trpc } from "./trpc";

/** Bump when a release changes what cached data looks like: the old cache is then dropped. */
const CACHE_VERSION = "1";

/**
 * The query cache (restored from the device), the typed API client and the session. Nothing
 * renders until the stored tokens are read, so the first requests already carry them.
 */
export function ApiProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [credentials] = useState(() => new Credentials(credentialStore));
  const [client] = useState(() => createApiClient(credentials));
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    credentials.load().then(
      () => setLoaded(true),
      // An unreadable store (a locked keychain) is a signed-out start, not a broken app.
      () => setLoaded(true),
    );
  }, [credentials]);

  if (!loaded) return <Loading />;
  return (
    <trpc.Provider client={client} queryClient={queryClient}>
      <PersistQueryClientProvider
        client={queryClient}
        persistOptions={{ persister: queryPersister, maxAge: CACHE_MAX_AGE_MS, buster: CACHE_VERSION }}
      >
        <SessionProvider credentials={credentials}>
          <ForgetRevokedSession />
          {children}
        </SessionProvider>
      </PersistQueryClientProvider>
    </trpc.Provider>
  );
}

/** A session ended elsewhere (signed out on another device, expired) answers 401: sign out here too. */
function ForgetRevokedSession() {
  const session = useSession();
  const cache = useQueryClient().getQueryCache();
  useEffect(
    () =>
      cache.subscribe((event) => {
        const status = (event.query.state.error as { data?: { httpStatus?: number } } | null)?.data
          ?.httpStatus;
        if (event.type === "updated" && status === 401 && session.signedIn) void session.forget();
      }),
    [cache, session],
  );
  return null;
}
