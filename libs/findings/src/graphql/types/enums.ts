import { registerEnumType } from '@nestjs/graphql';
import { TriageStatus } from '../../store/triage-status.js';
import { Verdict } from '../../store/verdict.js';

/** ASFF severity labels, as stored in `severity_label`. */
export enum SeverityLabel {
  INFORMATIONAL = 'INFORMATIONAL',
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

/** Whose known-good pattern decided a verdict: the tenant's own, or the shared pool. */
export enum PatternScope {
  TENANT = 'TENANT',
  GLOBAL = 'GLOBAL',
}

registerEnumType(Verdict, {
  name: 'Verdict',
  description: 'SUPPRESSED: known-good behaviour (a pattern said so). RAISED: an analyst must look.',
});
registerEnumType(TriageStatus, {
  name: 'TriageStatus',
  description:
    'PENDING: waiting for a verdict. DONE: has one. ERROR: failed, will be retried. DEAD: gave up; replayable.',
});
registerEnumType(SeverityLabel, { name: 'SeverityLabel', description: 'ASFF severity label.' });
registerEnumType(PatternScope, {
  name: 'PatternScope',
  description: "TENANT: the tenant's own known-good pattern. GLOBAL: one from the shared pool.",
});

export { TriageStatus, Verdict };
