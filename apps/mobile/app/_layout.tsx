import { Stack } from "expo-router";
import { StatusBar } from "expo-status-bar";
import { SafeAreaProvider } from "react-native-safe-area-context";

import { ApiProviders } from "../src/api/providers";
import { colors } from "../src/ui/theme";

export default function RootLayout() {
  return (
    <SafeAreaProvider>
      <ApiProviders>
        <StatusBar style="auto" />
        <Stack
          screenOptions={{
            headerTintColor: colors.brand,
            contentStyle: { backgroundColor: colors.background },
          }}
        >
          <Stack.Screen name="(tabs)" options={{ headerShown: false, title: "Bazaar" }} />
          <Stack.Screen name="product/[slug]" options={{ title: "Product" }} />
          <Stack.Screen name="category/[slug]" options={{ title: "Category" }} />
          <Stack.Screen name="checkout" options={{ title: "Checkout" }} />
          <Stack.Screen name="order/[id]" options={{ title: "Order" }} />
          <Stack.Screen name="sign-in" options={{ title: "Sign in" }} />
          <Stack.Screen name="sign-up" options={{ title: "Create an account" }} />
          <Stack.Screen name="auth/callback" options={{ title: "Signing in" }} />
        </Stack>
      </ApiProviders>
    </SafeAreaProvider>
  );
}
