import { type DocumentNode, GraphQLError, Kind, parse } from 'graphql';
import { perEventSubscribe } from './per-event-subscribe.js';
import type { SubscriptionAuthenticator } from './subscription-authenticator.js';
import type { SubscriberSession } from './subscriber-session.js';

interface WsContext {
  readonly connectionParams?: Readonly<Record<string, unknown>>;
  extra: unknown;
}

interface SessionHolder {
  session?: SubscriberSession;
}

/** What resolvers of an operation over graphql-ws see as their context. */
export interface SubscriptionContext {
  /** Shaped like the HTTP request, so the authentication and authorization guards work unchanged. */
  req: { user: SubscriberSession['principal']; headers: Record<string, string> };
  subscriber: SubscriberSession;
}

/** Whether a GraphQL context factory was called for graphql-ws (rather than for an HTTP request). */
export function isGraphqlWsContext(raw: unknown): raw is WsContext {
  return typeof raw === 'object' && raw !== null && 'extra' in raw && 'subscriptions' in raw;
}

/** The context of an operation over graphql-ws: the caller authenticated at connect. */
export function subscriptionContext(ws: WsContext): SubscriptionContext {
  const session = (ws.extra as SessionHolder).session;
  if (!session) throw new GraphQLError('Not authenticated', { extensions: { code: 'UNAUTHENTICATED' } });
  return { req: { user: session.principal, headers: {} }, subscriber: session };
}

/**
 * The context one subscription event executes with: a copy (empty per-request caches) whose caller is
 * the session's principal as last re-checked.
 */
export function eventContext(context: unknown): unknown {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(context) as object) as object, context);
  const subscriber = (context as Partial<SubscriptionContext>).subscriber;
  return subscriber ? Object.assign(copy, { req: { user: subscriber.principal, headers: {} } }) : copy;
}

/**
 * The `subscriptions` options of the GraphQL module. `subscribe` is not in Nest's type for them, but Nest
 * hands every key of this object to its graphql-ws server, which uses it in place of graphql-js's own.
 */
export function subscriptionOptions(authenticator: SubscriptionAuthenticator): {
  'graphql-ws': ReturnType<typeof graphqlWsTransport>;
} {
  return Object.assign(
    { 'graphql-ws': graphqlWsTransport(authenticator) },
    { subscribe: perEventSubscribe(eventContext) },
  );
}

/**
 * The graphql-ws options: a connection is accepted only with a credential the HTTP API would accept
 * (else it is closed with 4403 Forbidden), and it carries subscriptions only: queries and mutations go
 * over HTTP, where the complexity limit and metrics apply. (Nest applies the HTTP validation rules, the
 * depth limit among them, to graphql-ws operations too.)
 */
function graphqlWsTransport(authenticator: SubscriptionAuthenticator) {
  return {
    onConnect: async (ctx: WsContext): Promise<boolean> => {
      try {
        (ctx.extra as SessionHolder).session = await authenticator.open(ctx.connectionParams);
        return true;
      } catch {
        return false;
      }
    },
    onSubscribe: (
      _ctx: WsContext,
      _id: string,
      payload: { query: string; operationName?: string | null },
    ) => {
      let document: DocumentNode;
      try {
        document = parse(payload.query);
      } catch (error) {
        return [error instanceof GraphQLError ? error : new GraphQLError('Syntax error')];
      }
      const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
      const operation =
        operations.length === 1
          ? operations[0]
          : operations.find((o) => o.name?.value === payload.operationName);
      if (operation?.operation !== 'subscription') {
        return [
          new GraphQLError(
            'Only subscriptions are served over WebSocket; send queries and mutations over HTTP',
          ),
        ];
      }
      return undefined;
    },
  };
}
