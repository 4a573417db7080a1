import { Injectable } from '@nestjs/common';
import type { Finding } from '@sieve/findings';
import type { EntityManager } from 'typeorm';
import type { VerdictDecision } from './verdict-policy.js';

/** One finding of a batch with the verdict it was just given. */
export interface JudgedFinding {
  finding: Finding;
  decision: VerdictDecision;
  /** The fingerprint stored with the verdict (what grouping and correlation key on). */
  fingerprint: Readonly<Record<string, unknown>>;
}

/**
 * Told of every batch of verdicts inside the transaction that stores them, so that what it writes (a case
 * for a RAISED finding, a timeline entry) commits or rolls back with the verdicts: a re-run after a crash
 * finds the findings already DONE and calls nobody twice. Called once per batch (not per finding) so that a
 * hook can do its work in a few statements.
 */
export abstract class VerdictHook {
  abstract afterVerdicts(
    manager: EntityManager,
    tenantId: string,
    judged: readonly JudgedFinding[],
  ): Promise<void>;
}

/**
 * The hooks the triage service calls. Other domains (cases) register in their `onModuleInit`, so that
 * triage never imports them.
 */
@Injectable()
export class VerdictHooks {
  private readonly hooks: VerdictHook[] = [];

  register(hook: VerdictHook): void {
    this.hooks.push(hook);
  }

  async afterVerdicts(
    manager: EntityManager,
    tenantId: string,
    judged: readonly JudgedFinding[],
  ): Promise<void> {
    if (judged.length === 0) return;
    for (const hook of this.hooks) await hook.afterVerdicts(manager, tenantId, judged);
  }
}
