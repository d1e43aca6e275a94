/** A category tree as the console reads it (admin.categories.list). */
export interface CategoryNode {
  id: string;
  name: string;
  children: CategoryNode[];
}

/**
 * The tree as a flat list for a select, in tree order, each named with the way down to it
 * ("Apparel › Shirts") so two categories of the same name in different departments differ.
 */
export function categoryOptions(
  nodes: readonly CategoryNode[],
  above: string[] = [],
): { id: string; label: string }[] {
  return nodes.flatMap((node) => {
    const path = [...above, node.name];
    return [{ id: node.id, label: path.join(" › ") }, ...categoryOptions(node.children, path)];
  });
}
