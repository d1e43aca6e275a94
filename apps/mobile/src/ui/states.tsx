import { describeClientError } from "@bazaar/client";
import { useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ActivityIndicator, Text, View } from "react-native";

import { Button } from "./controls";
import { colors, layout, text } from "./theme";

export function Loading({ label = "Loading" }: { label?: string }) {
  return (
    <View style={[layout.content, { alignItems: "center" }]}>
      <ActivityIndicator accessibilityLabel={label} color={colors.brand} />
    </View>
  );
}

/** A failure with nothing to show instead: what happened, and a way to try again. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { message, offline } = describeClientError(error);
  return (
    <View role="alert" style={[layout.card, { margin: 16, borderColor: colors.danger }]}>
      <Text style={text.heading}>{offline ? "You're offline" : "That didn't work"}</Text>
      <Text style={text.body}>{message}</Text>
      <Button label="Try again" onPress={onRetry} />
    </View>
  );
}

/** Data from the device's cache is on screen, but refreshing it failed. */
export function StaleNotice({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { offline, message } = describeClientError(error);
  return (
    <View
      role="status"
      style={[
        layout.row,
        { backgroundColor: colors.noticeSurface, padding: 10, justifyContent: "space-between" },
      ]}
    >
      <Text style={[text.muted, { color: colors.notice, flex: 1 }]}>
        {offline ? "Offline: showing what you saw last." : message}
      </Text>
      <Button label="Retry" kind="secondary" onPress={onRetry} />
    </View>
  );
}

/** What QueryView reads of a query (a plain or an infinite one). */
export interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  refetch: () => unknown;
}

/**
 * A query's three states in one place: data (with a notice when it could not be refreshed),
 * loading, or an error with a retry.
 */
export function QueryView<T>({ query, children }: { query: QueryLike<T>; children: (data: T) => ReactNode }) {
  const queryClient = useQueryClient();
  // One tap retries everything on screen that failed (the queries of a screen fail together
  // when the network does), this query first.
  const retry = () => {
    void query.refetch();
    void queryClient.refetchQueries({ type: "active", predicate: (other) => other.state.status === "error" });
  };
  if (query.data !== undefined) {
    return (
      <>
        {query.error ? <StaleNotice error={query.error} onRetry={retry} /> : null}
        {children(query.data)}
      </>
    );
  }
  if (query.error) return <ErrorState error={query.error} onRetry={retry} />;
  return <Loading />;
}
