/** The shape of `catalog.categories`: departments holding their categories. */
export interface CategoryTreeNode {
  slug: string;
  name: string;
  children: CategoryTreeNode[];
}

/** Whether a slug is anywhere in the tree. */
export function hasCategory(nodes: readonly CategoryTreeNode[], slug: string): boolean {
  return nodes.some((node) => node.slug === slug || hasCategory(node.children, slug));
}

/** The categories from the top down to the one with this slug (empty when it is not in the tree). */
export function categoryPath<T extends CategoryTreeNode>(nodes: readonly T[], slug: string): T[] {
  for (const node of nodes) {
    if (node.slug === slug) return [node];
    const below = categoryPath(node.children as T[], slug);
    if (below.length > 0) return [node, ...below];
  }
  return [];
}
