import type { CaseSlaState, CaseStatus } from '../model/case-status.js';
import type { SeverityLabel } from '../model/severity.js';

/** What a list of cases can be narrowed by; every criterion given must hold. */
export interface CaseFilter {
  /** Any of these statuses (the queue defaults to the open ones). */
  status?: readonly CaseStatus[] | null;
  severity?: readonly SeverityLabel[] | null;
  priority?: readonly number[] | null;
  /** Among the tenants the principal may read; others are ignored. */
  tenantIds?: readonly string[] | null;
  assigneeId?: string | null;
  unassigned?: boolean | null;
  slaState?: readonly CaseSlaState[] | null;
  tag?: string | null;
}
