import type { FinalizeRequestMiddleware, MiddlewareStack } from '@smithy/types';

/** Anything built on the SDK v3 client base: every AWS client has a middleware stack. */
export interface MiddlewareClient {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each client has its own Input/Output unions
  middlewareStack: MiddlewareStack<any, any>;
}

/**
 * Makes every HTTP attempt of the client wait for `acquire(operation)` first. Placed between the
 * SDK's retry middleware and signing: the SDK's own retries of throttled or failed requests take
 * tokens too, so what reaches AWS stays within the quota, and each request is signed after its wait.
 */
export function rateLimitEachAttempt(
  client: MiddlewareClient,
  acquire: (operation: string) => Promise<void>,
): void {
  const waitForToken: FinalizeRequestMiddleware<object, object> = (next, context) => async (args) => {
    await acquire((context.commandName ?? '').replace(/Command$/, ''));
    return next(args);
  };
  client.middlewareStack.addRelativeTo(waitForToken, {
    name: 'sieveRateLimit',
    relation: 'before',
    toMiddleware: 'httpSigningMiddleware',
    override: true,
  });
}
