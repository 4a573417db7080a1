import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** Names selected in a selection set, through inline fragments and fragment spreads. */
function selected(
  set: SelectionSetNode | undefined,
  info: GraphQLResolveInfo,
  into = new Map<string, FieldNode[]>(),
) {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === 'Field')
      into.set(selection.name.value, [...(into.get(selection.name.value) ?? []), selection]);
    else if (selection.kind === 'InlineFragment') selected(selection.selectionSet, info, into);
    else selected(info.fragments[selection.name.value]?.selectionSet, info, into);
  }
  return into;
}

/**
 * Fields the query asks for on the nodes of the connection being resolved (`edges { node { … } }`), or on
 * the object itself when `path` is empty: what a page may prefetch for its field resolvers.
 */
export function requestedFields(info: GraphQLResolveInfo, path: readonly string[] = []): Set<string> {
  let nodes: readonly FieldNode[] = info.fieldNodes;
  for (const step of path) nodes = nodes.flatMap((n) => selected(n.selectionSet, info).get(step) ?? []);
  const names = new Set<string>();
  for (const node of nodes) for (const name of selected(node.selectionSet, info).keys()) names.add(name);
  return names;
}
