import type { TriageStatus } from '../store/triage-status.js';
import type { Verdict } from '../store/verdict.js';

/** What `findings` can be narrowed by; every criterion given must hold. */
export interface FindingFilter {
  verdict?: Verdict | null;
  /** Any of these severity labels. */
  severity?: readonly string[] | null;
  findingType?: string | null;
  awsAccountId?: string | null;
  region?: string | null;
  triageStatus?: TriageStatus | null;
  /** Last seen at or after. */
  from?: Date | null;
  /** Last seen before. */
  to?: Date | null;
  /** Suppressed or raised by this pattern. */
  patternId?: string | null;
  /** Linked to this case. */
  caseId?: string | null;
}
