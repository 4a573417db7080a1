import type { CaseActorType } from '../model/case-actor.js';
import type { CaseComment } from '../model/case-comment.entity.js';
import type { PersonView } from './case-children.js';

/** Related rows the statement reading cases can carry itself, when the query asks for them. */
export interface CaseIncludes {
  assignee: boolean;
  lastComment: boolean;
}

export const NO_INCLUDES: CaseIncludes = { assignee: false, lastComment: false };
export const ALL_INCLUDES: CaseIncludes = { assignee: true, lastComment: true };

export interface IncludedRow {
  id: string;
  tenant_id: string;
  assignee_id: string | null;
  au_display_name?: string | null;
  au_email?: string | null;
  lc_id?: string | null;
  lc_author_type?: CaseActorType;
  lc_author_id?: string | null;
  lc_body?: string;
  lc_created_at?: Date;
}

/** Extra columns and joins for `FROM cases c`: the assignee, and the newest comment (one index probe each). */
export function includeSql(includes: CaseIncludes): { columns: string; joins: string } {
  const columns: string[] = [];
  const joins: string[] = [];
  if (includes.assignee) {
    columns.push('au.display_name AS au_display_name', 'au.email AS au_email');
    joins.push('LEFT JOIN users au ON au.id = c.assignee_id');
  }
  if (includes.lastComment) {
    columns.push(
      'lc.id AS lc_id',
      'lc.author_type AS lc_author_type',
      'lc.author_id AS lc_author_id',
      'lc.body AS lc_body',
      'lc.created_at AS lc_created_at',
    );
    joins.push(`LEFT JOIN LATERAL (
      SELECT m.id, m.author_type, m.author_id, m.body, m.created_at FROM case_comments m
      WHERE m.case_id = c.id ORDER BY m.created_at DESC, m.id DESC LIMIT 1) lc ON true`);
  }
  return { columns: columns.map((c) => `, ${c}`).join(''), joins: joins.join('\n') };
}

export function assigneeOf(row: IncludedRow): PersonView | null {
  return row.assignee_id && row.au_display_name != null
    ? { id: row.assignee_id, displayName: row.au_display_name, email: row.au_email! }
    : null;
}

export function lastCommentOf(row: IncludedRow): CaseComment | null {
  return row.lc_id
    ? ({
        id: row.lc_id,
        tenantId: row.tenant_id,
        caseId: row.id,
        authorType: row.lc_author_type!,
        authorId: row.lc_author_id ?? null,
        body: row.lc_body!,
        createdAt: row.lc_created_at!,
      } as CaseComment)
    : null;
}
