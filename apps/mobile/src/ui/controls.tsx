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
