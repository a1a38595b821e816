import type { GraphQLResolveInfo, SelectionSetNode } from "graphql";

/** Names of the fields selected under the current field (through fragments), e.g. for the audit log. */
export function selectedFields(info: GraphQLResolveInfo): string[] {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === "Field") {
        if (!selection.name.value.startsWith("__")) names.add(selection.name.value);
      } else if (selection.kind === "InlineFragment") {
        visit(selection.selectionSet);
      } else {
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return [...names];
}
