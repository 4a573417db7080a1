import type { PatternRecord } from '../matching/compiled-pattern.js';

let counter = 0;

/** A pattern record for matcher tests: a tenant pattern numbered in creation order unless told. */
export function patternRecord(
  patch: Partial<PatternRecord> & Pick<PatternRecord, 'predicates'>,
): PatternRecord {
  counter++;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    seq: counter,
    scope: 'TENANT',
    name: `pattern ${counter}`,
    description: '',
    findingType: 'Recon:EC2/PortProbeUnprotectedPort',
    allowCritical: false,
    confidence: 1,
    expiresAt: null,
    hits: 0,
    support: null,
    ...patch,
  };
}
