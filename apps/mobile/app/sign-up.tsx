import { PASSWORD_MIN, signUpInput } from "@bazaar/validators";
import { useState } from "react";
import { ScrollView, Text, View } from "react-native";

import { trpc } from "../src/api/trpc";
import { Button, EmailField, Field, FormError, PasswordField } from "../src/ui/controls";
import { checkForm, firstError, serverErrors, type FieldErrors } from "../src/ui/forms";
import { colors, layout, text } from "../src/ui/theme";

/**
 * A new account. The server always answers "check your mail" (a known address gets a reminder
 * instead, so the form never tells who has an account); the link in the mail confirms it.
 */
export default function SignUpScreen() {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [formErrors, setFormErrors] = useState<FieldErrors>({});
  const signUp = trpc.account.signUp.useMutation();
  const refused = serverErrors(signUp.error);
  const errors = { ...formErrors, ...refused.fieldErrors };
  const submit = () => {
    const checked = checkForm(signUpInput, { email, password, name: name.trim() || undefined });
    setFormErrors(checked.ok ? {} : checked.fieldErrors);
    if (checked.ok) signUp.mutate(checked.data);
  };
  if (signUp.isSuccess) {
    return (
      <View role="status" style={[layout.screen, layout.content]}>
        <Text style={text.title}>Check your mail</Text>
        <Text style={text.body}>
          We sent a link to {email}. Open it to confirm your address, then sign in here.
        </Text>
      </View>
    );
  }
  return (
    <ScrollView style={layout.screen} contentContainerStyle={layout.content}>
      <FormError message={refused.message} />
      <Field
        label="Name"
        value={name}
        onChangeText={setName}
        autoComplete="name"
        error={firstError(errors, "name")}
      />
      <EmailField value={email} onChangeText={setEmail} error={firstError(errors, "email")} />
      <PasswordField
        purpose="new"
        value={password}
        onChangeText={setPassword}
        onSubmitEditing={submit}
        error={firstError(errors, "password")}
      />
      <Text
        style={{ color: colors.muted }}
      >{`At least ${PASSWORD_MIN} characters; a common password is refused.`}</Text>
      <Button
        label={signUp.isPending ? "Creating…" : "Create account"}
        disabled={signUp.isPending}
        onPress={submit}
      />
    </ScrollView>
  );
}
