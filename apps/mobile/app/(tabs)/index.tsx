import { Link } from "expo-router";
import { Pressable, ScrollView, Text, View } from "react-native";

import { trpc } from "../../src/api/trpc";
import { ProductCard } from "../../src/ui/product-card";
import { QueryView } from "../../src/ui/states";
import { colors, layout, text } from "../../src/ui/theme";

/** The shop's front: its departments and categories, and what it features. */
export default function ShopScreen() {
  const categories = trpc.catalog.categories.useQuery();
  const featured = trpc.catalog.featured.useQuery({ limit: 8 });
  return (
    <ScrollView style={layout.screen} contentContainerStyle={layout.content}>
      <Text role="heading" style={text.title}>
        Categories
      </Text>
      <QueryView query={categories}>
        {(departments) => (
          <View style={{ gap: 10 }}>
            {departments.map((department) => (
              <View key={department.id} style={{ gap: 6 }}>
                <CategoryLink
                  slug={department.slug}
                  name={department.name}
                  count={department.productCount}
                  bold
                />
                <View style={[layout.row, { flexWrap: "wrap" }]}>
                  {department.children.map((category) => (
                    <CategoryLink
                      key={category.id}
                      slug={category.slug}
                      name={category.name}
                      count={category.productCount}
                    />
                  ))}
                </View>
              </View>
            ))}
          </View>
        )}
      </QueryView>
      <Text role="heading" style={text.title}>
        Featured
      </Text>
      <QueryView query={featured}>
        {(products) => (
          <View style={{ gap: 8 }}>
            {products.map((product) => (
              <ProductCard key={product.id} product={product} />
            ))}
          </View>
        )}
      </QueryView>
    </ScrollView>
  );
}

function CategoryLink({
  slug,
  name,
  count,
  bold,
}: {
  slug: string;
  name: string;
  count: number;
  bold?: boolean;
}) {
  return (
    <Link href={{ pathname: "/category/[slug]", params: { slug } }} asChild>
      <Pressable
        role="link"
        aria-label={name}
        style={{
          borderColor: colors.border,
          borderWidth: 1,
          borderRadius: 16,
          paddingVertical: 6,
          paddingHorizontal: 12,
          backgroundColor: colors.surface,
          alignSelf: "flex-start",
        }}
      >
        <Text style={[text.body, bold ? { fontWeight: "700" } : null]}>
          {name} <Text style={text.muted}>({count})</Text>
        </Text>
      </Pressable>
    </Link>
  );
}
