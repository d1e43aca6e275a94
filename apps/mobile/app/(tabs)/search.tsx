import { searchQuerySchema } from "@bazaar/validators";
import { useEffect, useState } from "react";
import { Pressable, Text, View } from "react-native";

import { trpc } from "../../src/api/trpc";
import { Field } from "../../src/ui/controls";
import { ProductList } from "../../src/ui/product-list";
import { layout, text } from "../../src/ui/theme";

/** Search as you type (after a short pause), with "did you mean" for a query that finds nothing. */
export default function SearchScreen() {
  const [typed, setTyped] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const valid = searchQuerySchema.safeParse(q);
  const products = trpc.catalog.products.useInfiniteQuery(
    { q, limit: 20 },
    { enabled: q !== "" && valid.success, getNextPageParam: (page) => page.nextCursor },
  );
  const didYouMean = products.data?.pages[0]?.didYouMean ?? null;
  const field = (
    <View style={{ gap: 8 }}>
      <Field
        label="Search the shop"
        value={typed}
        onChangeText={setTyped}
        autoCapitalize="none"
        autoCorrect={false}
        returnKeyType="search"
        error={q !== "" && !valid.success ? valid.error.issues[0]?.message : undefined}
      />
      {didYouMean ? (
        <Pressable role="button" aria-label={`Search for ${didYouMean}`} onPress={() => setTyped(didYouMean)}>
          <Text style={text.body}>
            Did you mean <Text style={{ fontWeight: "700" }}>{didYouMean}</Text>?
          </Text>
        </Pressable>
      ) : null}
    </View>
  );
  // The field stays mounted above the results, so typing keeps its focus while they reload.
  return (
    <View style={layout.screen}>
      <View style={[layout.content, { paddingBottom: 0 }]}>{field}</View>
      {q !== "" && valid.success ? <ProductList query={products} empty={`Nothing matches “${q}”.`} /> : null}
    </View>
  );
}
