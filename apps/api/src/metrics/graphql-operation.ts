/** The labels a GraphQL request adds to the HTTP duration histogram, set by `GraphqlMetricsPlugin`. */
export interface GraphqlOperationLabels {
  /** `query`, `mutation`, `subscription`; `unknown` when the document did not parse or validate. */
  readonly operationType: string;
  /** The operation's name, bounded; `(anonymous)` or `(unknown)` when there is none. */
  readonly operationName: string;
}

const OPERATION = Symbol('sieve.metrics.graphqlOperation');

type Carrier = { [OPERATION]?: GraphqlOperationLabels };

export function setGraphqlOperation(req: object, labels: GraphqlOperationLabels): void {
  const carrier = req as Carrier;
  // A batched HTTP request carries several operations: label it as one batch rather than by the last one.
  carrier[OPERATION] = carrier[OPERATION] ? { operationType: 'batch', operationName: '(batch)' } : labels;
}

export function graphqlOperationOf(req: object): GraphqlOperationLabels | undefined {
  return (req as Carrier)[OPERATION];
}
