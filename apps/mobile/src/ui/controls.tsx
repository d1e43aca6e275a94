import { formatMoney, type Money } from "@bazaar/validators";
import { Pressable, Text, TextInput, View, type TextInputProps } from "react-native";

import { colors, text } from "./theme";

export function Button({
  label,
  onPress,
  kind = "primary",
  disabled = false,
}: {
  label: string;
  onPress: () => void;
  kind?: "primary" | "secondary";
  disabled?: boolean;
}) {
  const primary = kind === "primary";
  return (
    <Pressable
      role="button"
      aria-label={label}
      aria-disabled={disabled}
      disabled={disabled}
      onPress={onPress}
      style={({ pressed }) => ({
        backgroundColor: primary ? colors.brand : colors.surface,
        borderColor: colors.brand,
        borderWidth: 1,
        borderRadius: 6,
        paddingVertical: 10,
        paddingHorizontal: 14,
        alignItems: "center",
        opacity: disabled ? 0.5 : pressed ? 0.8 : 1,
      })}
    >
      <Text style={{ color: primary ? colors.brandText : colors.brand, fontWeight: "600" }}>{label}</Text>
    </Pressable>
  );
}

/** A labelled text input with the server's (or the form's) message for it. */
export function Field({
  label,
  error,
  ...input
}: { label: string; error?: string | undefined } & TextInputProps) {
  return (
    <View style={{ gap: 4 }}>
      <Text style={text.muted}>{label}</Text>
      <TextInput
        aria-label={label}
        aria-invalid={!!error}
        style={{
          borderColor: error ? colors.danger : colors.border,
          borderWidth: 1,
          borderRadius: 6,
          padding: 10,
          backgroundColor: colors.surface,
          color: colors.text,
        }}
        {...input}
      />
      {error ? <Text style={text.error}>{`${label} ${error}`}</Text> : null}
    </View>
  );
}

/** An email address field: no capitals, no autocorrect, the email keyboard. */
export function EmailField(props: {
  value: string;
  onChangeText: (value: string) => void;
  error?: string | undefined;
}) {
  return (
    <Field label="Email" autoCapitalize="none" keyboardType="email-address" autoComplete="email" {...props} />
  );
}

/** A password field, for signing in (`current`) or choosing one (`new`). */
export function PasswordField({
  purpose,
  ...props
}: {
  purpose: "current" | "new";
  value: string;
  onChangeText: (value: string) => void;
  onSubmitEditing?: () => void;
  error?: string | undefined;
}) {
  return <Field label="Password" secureTextEntry autoComplete={`${purpose}-password`} {...props} />;
}

/** One option of a choice drawn as chips (a variant, a country): a radio button. */
export function Choice({
  label,
  selected,
  onPress,
  dimmed = false,
}: {
  label: string;
  selected: boolean;
  onPress: () => void;
  dimmed?: boolean;
}) {
  return (
    <Pressable
      role="radio"
      aria-checked={selected}
      aria-label={label}
      onPress={onPress}
      style={{
        borderWidth: selected ? 2 : 1,
        borderColor: selected ? colors.brand : colors.border,
        borderRadius: 6,
        padding: 8,
        backgroundColor: colors.surface,
        opacity: dimmed ? 0.5 : 1,
      }}
    >
      <Text style={text.body}>{label}</Text>
    </Pressable>
  );
}

/** "Subtotal ........ $12.00": a labelled amount of a bill. */
export function AmountRow({ label, amount, currency }: { label: string; amount: number; currency: string }) {
  return (
    <View style={{ flexDirection: "row", alignItems: "center", justifyContent: "space-between" }}>
      <Text style={text.body}>{label}</Text>
      <Price money={{ amount, currency }} />
    </View>
  );
}

/** A price as the shop writes it, from minor units (shared with the web app). */
export function Price({ money, style }: { money: Money; style?: object }) {
  return <Text style={[text.body, { fontWeight: "600" }, style]}>{formatMoney(money)}</Text>;
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Text role="alert" style={[text.error, { padding: 8, backgroundColor: colors.dangerSurface }]}>
      {message}
    </Text>
  );
}
