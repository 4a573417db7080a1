import type { Finding } from '@sieve/findings';
import type { EntityManager } from 'typeorm';
import type { VerdictDecision } from './verdict-policy.js';

/**
 * Told of every verdict inside the transaction that stores it, so that what it writes (a case for a
 * RAISED finding, a timeline entry) commits or rolls back with the verdict: a re-run after a crash
 * finds the finding already DONE and calls nobody twice. Provided by the case domain when it lands.
 */
export abstract class VerdictHook {
  abstract afterVerdict(
    manager: EntityManager,
    tenantId: string,
    finding: Finding,
    decision: VerdictDecision,
  ): Promise<void>;
}
