import type { Connection, ConnectionArgs } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import type { CaseActorType } from '../model/case-actor.js';
import { CaseComment } from '../model/case-comment.entity.js';
import type { CaseFindingReason } from '../model/case-finding.entity.js';
import { CaseObservable } from '../model/case-observable.entity.js';
import { CaseTask } from '../model/case-task.entity.js';
import type { SeverityLabel } from '../model/severity.js';
import {
  decodeSeenCursor,
  decodeSeqCursor,
  encodeSeenCursor,
  encodeSeqCursor,
  microsSql,
} from './case-cursor.js';

/** A person as a case shows them (assignee, watcher, author). */
export interface PersonView {
  id: string;
  displayName: string;
  email: string;
}

/** A finding in a case: why and when it joined, and what it is. */
export interface CaseFindingView {
  id: string;
  reason: CaseFindingReason;
  attachedAt: Date;
  findingType: string;
  title: string;
  severityLabel: SeverityLabel;
  severityNormalized: number;
  verdict: string | null;
  verdictExplanation: string | null;
  awsAccountId: string;
  region: string;
  lastSeenAt: Date;
}

/** One timeline entry. */
export interface CaseEventView {
  id: string;
  seq: string;
  type: string;
  actorType: CaseActorType;
  actorId: string | null;
  at: Date;
  data: Record<string, unknown>;
}

function connection<R, T>(
  rows: R[],
  args: ConnectionArgs,
  node: (row: R) => T,
  cursor: (row: R) => string,
): Connection<T> {
  const page = rows.slice(0, args.first);
  const edges = page.map((row) => ({ node: node(row), cursor: cursor(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > args.first,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Everything below reads in the caller's unit of work, among `tenantIds` (row-level security agrees). */
export const CaseChildren = {
  async people(manager: EntityManager, ids: readonly string[]): Promise<PersonView[]> {
    return (await manager.query(
      `SELECT id, display_name AS "displayName", email FROM users WHERE id = ANY($1::uuid[])`,
      [ids],
    )) as PersonView[];
  },

  async watchers(
    manager: EntityManager,
    tenantIds: readonly string[],
    caseIds: readonly string[],
  ): Promise<{ caseId: string; userId: string }[]> {
    return (await manager.query(
      `SELECT case_id AS "caseId", user_id AS "userId" FROM case_watchers
       WHERE tenant_id = ANY($1::uuid[]) AND case_id = ANY($2::uuid[]) ORDER BY added_at, user_id`,
      [tenantIds, caseIds],
    )) as { caseId: string; userId: string }[];
  },

  tasks(
    manager: EntityManager,
    tenantIds: readonly string[],
    caseIds: readonly string[],
  ): Promise<CaseTask[]> {
    return manager
      .createQueryBuilder(CaseTask, 't')
      .where('t.tenant_id = ANY(:tenantIds) AND t.case_id = ANY(:caseIds)', { tenantIds, caseIds })
      .orderBy('t.created_at')
      .addOrderBy('t.id')
      .getMany();
  },

  observables(
    manager: EntityManager,
    tenantIds: readonly string[],
    caseIds: readonly string[],
  ): Promise<CaseObservable[]> {
    return manager
      .createQueryBuilder(CaseObservable, 'o')
      .where('o.tenant_id = ANY(:tenantIds) AND o.case_id = ANY(:caseIds)', { tenantIds, caseIds })
      .orderBy('o.type')
      .addOrderBy('o.value')
      .getMany();
  },

  /** A case's findings, most recently attached first. */
  async findings(
    manager: EntityManager,
    tenantIds: readonly string[],
    caseId: string,
    args: ConnectionArgs,
  ): Promise<Connection<CaseFindingView>> {
    const params: unknown[] = [tenantIds, caseId, args.first + 1];
    let after = '';
    if (args.after) {
      const cursor = decodeSeenCursor(args.after);
      params.push(cursor.at, cursor.id);
      after = 'AND (cf.attached_at, cf.finding_id) < ($4::timestamptz, $5::uuid)';
    }
    const rows = (await manager.query(
      `SELECT cf.finding_id AS id, cf.reason, cf.attached_at AS "attachedAt", ${microsSql('cf.attached_at')} AS cursor_at,
              f.finding_type AS "findingType", f.title, f.severity_label AS "severityLabel",
              f.severity_normalized AS "severityNormalized", f.verdict, f.verdict_explanation AS "verdictExplanation",
              f.aws_account_id AS "awsAccountId", f.region, f.last_seen_at AS "lastSeenAt"
       FROM case_findings cf JOIN findings f ON f.id = cf.finding_id
       WHERE cf.tenant_id = ANY($1::uuid[]) AND cf.case_id = $2 ${after}
       ORDER BY cf.attached_at DESC, cf.finding_id DESC LIMIT $3`,
      params,
    )) as (CaseFindingView & { cursor_at: string })[];
    return connection(
      rows,
      args,
      ({ cursor_at: _, ...view }) => view,
      (row) => encodeSeenCursor(row.cursor_at, row.id),
    );
  },

  /** A case's comments, newest first. */
  async comments(
    manager: EntityManager,
    tenantIds: readonly string[],
    caseId: string,
    args: ConnectionArgs,
  ): Promise<Connection<CaseComment>> {
    const query = manager
      .createQueryBuilder(CaseComment, 'm')
      .addSelect(microsSql('m.created_at'), 'cursor_at')
      .where('m.tenant_id = ANY(:tenantIds) AND m.case_id = :caseId', { tenantIds, caseId });
    if (args.after) {
      const cursor = decodeSeenCursor(args.after);
      query.andWhere('(m.created_at, m.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid))', cursor);
    }
    const { entities, raw } = await query
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(args.first + 1)
      .getRawAndEntities();
    const at = new Map((raw as { m_id: string; cursor_at: string }[]).map((r) => [r.m_id, r.cursor_at]));
    return connection(
      entities,
      args,
      (c) => c,
      (c) => encodeSeenCursor(at.get(c.id)!, c.id),
    );
  },

  /** A case's timeline in the order it was written. */
  async timeline(
    manager: EntityManager,
    tenantIds: readonly string[],
    caseId: string,
    args: ConnectionArgs,
  ): Promise<Connection<CaseEventView>> {
    const params: unknown[] = [tenantIds, caseId, args.first + 1];
    let after = '';
    if (args.after) {
      params.push(decodeSeqCursor(args.after));
      after = 'AND e.seq > $4::bigint';
    }
    const rows = (await manager.query(
      `SELECT e.id, e.seq::text AS seq, e.type, e.actor_type AS "actorType", e.actor_id AS "actorId", e.at, e.data
       FROM case_events e WHERE e.tenant_id = ANY($1::uuid[]) AND e.case_id = $2 ${after}
       ORDER BY e.seq LIMIT $3`,
      params,
    )) as CaseEventView[];
    return connection(
      rows,
      args,
      (e) => e,
      (e) => encodeSeqCursor(e.seq),
    );
  },
};
