import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { AppConfigService } from '@sieve/core';
import {
  type SubscriptionAuthenticator,
  isGraphqlWsContext,
  subscriptionContext,
  subscriptionOptions,
} from '@sieve/notify';
import depthLimit from 'graphql-depth-limit';
import { complexityPlugin } from './complexity.plugin.js';

/**
 * Code-first schema, sorted so the committed `schema.gql` diff stays readable. Subscriptions are served
 * over graphql-ws on the same path, authenticated at connect with the credentials HTTP takes.
 */
export function graphqlOptions(
  config: AppConfigService,
  subscriptions: SubscriptionAuthenticator,
): Omit<ApolloDriverConfig, 'driver'> {
  const { GRAPHQL_MAX_DEPTH, GRAPHQL_MAX_COMPLEXITY, GRAPHQL_INTROSPECTION, NODE_ENV } = config.values;
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    context: (raw: unknown) => {
      if (isGraphqlWsContext(raw)) return subscriptionContext(raw);
      const { req, res } = raw as { req: unknown; res: unknown };
      return { req, res };
    },
    subscriptions: subscriptionOptions(subscriptions),
    introspection: GRAPHQL_INTROSPECTION ?? NODE_ENV !== 'production',
    includeStacktraceInErrorResponses: false,
    validationRules: [depthLimit(GRAPHQL_MAX_DEPTH)],
    // No cache hints are used; Apollo's default cache-control plugin would wrap every field's resolver to
    // compute them (a hook per field of every response).
    plugins: [complexityPlugin(GRAPHQL_MAX_COMPLEXITY), ApolloServerPluginCacheControlDisabled()],
    // Compact JSON: Apollo indents responses by default, which costs CPU per response and makes a page of
    // 50 cases ~40 % larger on the wire, for no client that reads JSON.
    stringifyResult: (result) => JSON.stringify(result),
    graphiql: false,
  };
}
