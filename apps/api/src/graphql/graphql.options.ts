import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { AppConfigService } from '@sieve/core';
import depthLimit from 'graphql-depth-limit';
import { complexityPlugin } from './complexity.plugin.js';

/** Code-first schema, sorted so the committed `schema.gql` diff stays readable. */
export function graphqlOptions(config: AppConfigService): Omit<ApolloDriverConfig, 'driver'> {
  const { GRAPHQL_MAX_DEPTH, GRAPHQL_MAX_COMPLEXITY, GRAPHQL_INTROSPECTION, NODE_ENV } = config.values;
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
    introspection: GRAPHQL_INTROSPECTION ?? NODE_ENV !== 'production',
    includeStacktraceInErrorResponses: false,
    validationRules: [depthLimit(GRAPHQL_MAX_DEPTH)],
    plugins: [complexityPlugin(GRAPHQL_MAX_COMPLEXITY)],
    graphiql: false,
  };
}
