import { StyleSheet } from "react-native";

export const colors = {
  text: "#111827",
  muted: "#4b5563",
  border: "#d1d5db",
  surface: "#ffffff",
  background: "#f9fafb",
  brand: "#7c2d12",
  brandText: "#ffffff",
  danger: "#991b1b",
  dangerSurface: "#fef2f2",
  notice: "#78350f",
  noticeSurface: "#fffbeb",
  success: "#166534",
};

export const text = StyleSheet.create({
  title: { fontSize: 22, fontWeight: "700", color: colors.text },
  heading: { fontSize: 17, fontWeight: "600", color: colors.text },
  body: { fontSize: 15, color: colors.text },
  muted: { fontSize: 14, color: colors.muted },
  error: { fontSize: 14, color: colors.danger },
});

export const layout = StyleSheet.create({
  screen: { flex: 1, backgroundColor: colors.background },
  content: { padding: 16, gap: 12 },
  row: { flexDirection: "row", alignItems: "center", gap: 8 },
  card: {
    backgroundColor: colors.surface,
    borderColor: colors.border,
    borderWidth: 1,
    borderRadius: 8,
    padding: 12,
    gap: 6,
  },
});
