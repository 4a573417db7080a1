import type { VerdictDecision } from '../pipeline/verdict-policy.js';

/** Security Hub accepts notes of at most 512 characters. */
const MAX_NOTE = 512;

/** The workflow status and note a verdict writes to Security Hub. */
export function writebackOf(decision: VerdictDecision): {
  workflowStatus: 'SUPPRESSED' | 'NOTIFIED';
  note: string;
} {
  const note =
    decision.verdict === 'SUPPRESSED'
      ? `Sieve: ${decision.note}`
      : `Sieve: raised for analyst review (priority ${decision.priority}). ${decision.note}`;
  return {
    workflowStatus: decision.verdict === 'SUPPRESSED' ? 'SUPPRESSED' : 'NOTIFIED',
    note: note.length > MAX_NOTE ? `${note.slice(0, MAX_NOTE - 1)}…` : note,
  };
}
