import type { Actor } from '@sieve/core';

/** Who made a case change, as the timeline and comments store it. */
export type CaseActorType = 'USER' | 'API_KEY' | 'SYSTEM';

export interface CaseActorRef {
  type: CaseActorType;
  id: string | null;
}

export function caseActorOf(actor: Actor): CaseActorRef {
  switch (actor.kind) {
    case 'user':
      return { type: 'USER', id: actor.userId };
    case 'api-key':
      return { type: 'API_KEY', id: actor.apiKeyId };
    case 'system':
      return { type: 'SYSTEM', id: actor.name };
  }
}
