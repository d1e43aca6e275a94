import { describeDevice, timeAgo } from "@bazaar/client";
import { Link } from "expo-router";
import { ScrollView, Text, View } from "react-native";

import { trpc } from "../../src/api/trpc";
import { useSession } from "../../src/auth/session";
import { Button, FormError } from "../../src/ui/controls";
import { serverErrors } from "../../src/ui/forms";
import { QueryView } from "../../src/ui/states";
import { colors, layout, text } from "../../src/ui/theme";

/** Who is signed in, where else they are signed in (with a way to end those sessions), sign out. */
export default function AccountScreen() {
  const session = useSession();
  if (!session.signedIn) {
    return (
      <View style={[layout.screen, layout.content]}>
        <Text style={text.body}>Sign in to follow your orders and keep your cart on every device.</Text>
        <Link href="/sign-in" style={{ color: colors.brand, fontWeight: "600" }}>
          Sign in
        </Link>
        <Link href="/sign-up" style={{ color: colors.brand, fontWeight: "600" }}>
          Create an account
        </Link>
      </View>
    );
  }
  return <SignedIn />;
}

function SignedIn() {
  const session = useSession();
  const utils = trpc.useUtils();
  const me = trpc.account.me.useQuery();
  const sessions = trpc.account.sessions.useQuery();
  const revoke = trpc.account.revokeSession.useMutation({
    onSuccess: () => utils.account.sessions.invalidate(),
  });
  const signOut = trpc.account.signOut.useMutation({ onSettled: () => session.forget() });
  return (
    <ScrollView style={layout.screen} contentContainerStyle={layout.content}>
      <QueryView query={me}>
        {(user) => (
          <View style={layout.card}>
            <Text role="heading" style={text.heading}>
              {user.name ?? user.email}
            </Text>
            <Text style={text.muted}>{user.email}</Text>
          </View>
        )}
      </QueryView>
      <Text role="heading" style={text.heading}>
        Where you’re signed in
      </Text>
      <QueryView query={sessions}>
        {(list) => (
          <View style={{ gap: 8 }}>
            {list.map((item) => (
              <View key={item.id} style={layout.card}>
                <Text style={text.body}>
                  {describeDevice(item.userAgent)}
                  {item.current ? " (this device)" : ""}
                </Text>
                <Text style={text.muted}>Last active {timeAgo(item.lastUsedAt)}</Text>
                {!item.current ? (
                  <Button
                    label={`Sign out ${describeDevice(item.userAgent)}`}
                    kind="secondary"
                    disabled={revoke.isPending}
                    onPress={() => revoke.mutate({ sessionId: item.id })}
                  />
                ) : null}
              </View>
            ))}
          </View>
        )}
      </QueryView>
      <FormError message={serverErrors(revoke.error).message} />
      <Button label="Sign out" onPress={() => signOut.mutate()} disabled={signOut.isPending} />
    </ScrollView>
  );
}
