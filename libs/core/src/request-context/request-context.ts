import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request facts needed deep in the call stack (the audit log's request id) without threading them. */
export interface RequestContext {
  readonly requestId: string;
}

export const requestContextStorage = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | null {
  return requestContextStorage.getStore()?.requestId ?? null;
}
