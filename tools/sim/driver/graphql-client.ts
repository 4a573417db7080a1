/** A GraphQL error answered by Sieve, with its `extensions.code`. */
export class GraphqlError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** POST /graphql with a bearer credential; the data, or a GraphqlError naming the operation. */
export async function graphql<T>(
  apiUrl: string,
  credential: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const res = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new GraphqlError(`GraphQL answered ${res.status}: ${text.slice(0, 300)}`, undefined);
  }
  if (body.errors?.length) {
    const operation = /^\s*(?:query|mutation)?\s*(\w+)?[^{]*\{\s*(\w+)/.exec(query)?.[2] ?? 'query';
    const [first] = body.errors;
    throw new GraphqlError(`${operation}: ${first.message}`, first.extensions?.code);
  }
  return body.data as T;
}

/** Every node of a Relay connection, page by page. */
export async function allNodes<N>(
  fetchPage: (
    after: string | null,
  ) => Promise<{ edges: { node: N }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>,
): Promise<N[]> {
  const nodes: N[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await fetchPage(after);
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return nodes;
    after = page.pageInfo.endCursor;
  }
}
