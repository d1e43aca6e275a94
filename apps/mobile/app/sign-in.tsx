import { signInInput } from "@bazaar/validators";
import { Link, router } from "expo-router";
import { useState } from "react";
import { ScrollView, Text } from "react-native";

import { trpc } from "../src/api/trpc";
import { authorizeInBrowser } from "../src/auth/oauth";
import { useSession } from "../src/auth/session";
import { Button, EmailField, FormError, PasswordField } from "../src/ui/controls";
import { checkForm, firstError, serverErrors, type FieldErrors } from "../src/ui/forms";
import { colors, layout, text } from "../src/ui/theme";

/** Password sign-in; the session token it returns is kept in the device's secure store. */
export default function SignInScreen() {
  const session = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [formErrors, setFormErrors] = useState<FieldErrors>({});
  // Either way of signing in ends the same: keep the token, go back (or to the account).
  const signedIn = async ({ token }: { token: string }) => {
    await session.signedInWith(token);
    if (router.canGoBack()) router.back();
    else router.replace("/account");
  };
  const signIn = trpc.account.signIn.useMutation({ onSuccess: signedIn });
  const providers = trpc.account.signInProviders.useQuery();
  const [browserError, setBrowserError] = useState<string | null>(null);
  const withCode = trpc.account.signInWithAppCode.useMutation({ onSuccess: signedIn });
  const continueWith = async (provider: string) => {
    setBrowserError(null);
    try {
      const authorized = await authorizeInBrowser(provider);
      if (authorized) withCode.mutate(authorized);
    } catch (error) {
      setBrowserError(error instanceof Error ? error.message : "The sign-in did not complete.");
    }
  };
  const refused = serverErrors(signIn.error);
  const errors = { ...formErrors, ...refused.fieldErrors };
  const submit = () => {
    const checked = checkForm(signInInput, { email, password });
    setFormErrors(checked.ok ? {} : checked.fieldErrors);
    if (checked.ok) signIn.mutate(checked.data);
  };
  return (
    <ScrollView style={layout.screen} contentContainerStyle={layout.content}>
      <Text role="heading" style={text.title}>
        Sign in to Bazaar
      </Text>
      <FormError message={refused.message} />
      <EmailField value={email} onChangeText={setEmail} error={firstError(errors, "email")} />
      <PasswordField
        purpose="current"
        value={password}
        onChangeText={setPassword}
        onSubmitEditing={submit}
        error={firstError(errors, "password")}
      />
      <Button
        label={signIn.isPending ? "Signing in…" : "Sign in"}
        disabled={signIn.isPending}
        onPress={submit}
      />
      {providers.data?.map((provider) => (
        <Button
          key={provider.id}
          kind="secondary"
          label={`Continue with ${provider.name}`}
          disabled={withCode.isPending}
          onPress={() => void continueWith(provider.id)}
        />
      ))}
      <FormError message={browserError ?? serverErrors(withCode.error).message} />
      <Link href="/sign-up" style={{ color: colors.brand, fontWeight: "600" }}>
        New here? Create an account
      </Link>
    </ScrollView>
  );
}
