import { Tabs } from "expo-router/js-tabs";

import { trpc } from "../../src/api/trpc";
import { colors } from "../../src/ui/theme";

export default function TabsLayout() {
  // From the cache when there is one: the badge needs no request of its own.
  const cart = trpc.cart.get.useQuery();
  const count = cart.data?.itemCount ?? 0;
  return (
    <Tabs
      // Words only: no icon set is bundled, and the tab's name is what a screen reader reads.
      screenOptions={{
        tabBarActiveTintColor: colors.brand,
        headerTintColor: colors.text,
        tabBarIcon: () => null,
      }}
    >
      <Tabs.Screen name="index" options={{ title: "Shop" }} />
      <Tabs.Screen name="search" options={{ title: "Search" }} />
      <Tabs.Screen name="cart" options={{ title: "Cart", tabBarBadge: count > 0 ? count : undefined }} />
      <Tabs.Screen name="orders" options={{ title: "Orders" }} />
      <Tabs.Screen name="account" options={{ title: "Account" }} />
    </Tabs>
  );
}
