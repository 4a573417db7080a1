import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { BoundedLabelValues } from './bounded-label-values.js';
import { type GraphqlOperationLabels, setGraphqlOperation } from './graphql-operation.js';
import { METRIC_PREFIX } from './metrics.registry.js';

/** Operation names come from clients: beyond this many distinct ones, they are counted as `(other)`. */
export const MAX_OPERATION_NAMES = 100;

type GraphqlOutcome = 'success' | 'error' | 'rejected';

/** Nest's Apollo driver puts the HTTP request in the context as `req`. */
export interface GraphqlContextWithRequest extends BaseContext {
  req?: object;
}

/**
 * Counts GraphQL operations by type, name and outcome (`success`; `error`: executed but returned errors;
 * `rejected`: never executed — parse, validation or limit errors), and labels the HTTP request for the
 * duration histogram. Add the instance to the Apollo config's `plugins`; it is not `@Plugin()`-decorated,
 * so it is never registered twice.
 */
@Injectable()
export class GraphqlMetricsPlugin implements ApolloServerPlugin<GraphqlContextWithRequest> {
  private readonly operations: Counter<'operation_type' | 'operation_name' | 'outcome'>;
  private readonly names = new BoundedLabelValues(MAX_OPERATION_NAMES);

  constructor(registry: Registry) {
    this.operations = new Counter({
      name: `${METRIC_PREFIX}graphql_operations_total`,
      help: 'GraphQL operations by type, name and outcome (success, error, rejected)',
      labelNames: ['operation_type', 'operation_name', 'outcome'],
      registers: [registry],
    });
  }

  async requestDidStart(): Promise<GraphQLRequestListener<GraphqlContextWithRequest>> {
    let executed = false;
    return {
      executionDidStart: async () => {
        executed = true;
      },
      willSendResponse: async ({ operation, errors, contextValue }) => {
        // Only a resolved operation (parsed and validated against the schema) lends its name.
        const labels: GraphqlOperationLabels = operation
          ? {
              operationType: operation.operation,
              operationName: operation.name ? this.names.bound(operation.name.value) : '(anonymous)',
            }
          : { operationType: 'unknown', operationName: '(unknown)' };
        const outcome: GraphqlOutcome = !executed ? 'rejected' : errors?.length ? 'error' : 'success';
        this.operations.inc({
          operation_type: labels.operationType,
          operation_name: labels.operationName,
          outcome,
        });
        if (contextValue.req) setGraphqlOperation(contextValue.req, labels);
      },
    };
  }
}
