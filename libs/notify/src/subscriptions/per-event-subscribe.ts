import { type ExecutionArgs, type ExecutionResult, createSourceEventStream, execute } from 'graphql';

/**
 * graphql-js `subscribe`, except that every event is executed with its own copy of the context (made by
 * `freshContext`), as every HTTP request gets its own. graphql-js reuses the subscription's context for
 * all of its events, so per-request caches kept on it (DataLoaders) would answer later events with what
 * they loaded for the first one.
 */
export function perEventSubscribe(freshContext: (context: unknown) => unknown) {
  return async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in Object(stream))) return stream as ExecutionResult;
    const source = (stream as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    const close = async (): Promise<IteratorResult<ExecutionResult>> => {
      await source.return?.();
      return { done: true, value: undefined };
    };
    // Not an async generator: `return` must reach the source at once, even while `next` waits on it.
    const events: AsyncIterableIterator<ExecutionResult> = {
      next: async () => {
        const event = await source.next();
        if (event.done) return { done: true, value: undefined };
        const result = await execute({
          ...args,
          rootValue: event.value,
          contextValue: freshContext(args.contextValue),
        });
        return { done: false, value: result };
      },
      return: close,
      throw: async (error: unknown) => {
        await close();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    return events;
  };
}
