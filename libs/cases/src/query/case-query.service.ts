import { Injectable } from '@nestjs/common';
import { type Connection, type ConnectionArgs, type Principal, SieveException, isUuid } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { CaseAccess } from '../access/case-access.js';
import type { Statement } from '../access/single-trip-read.js';
import { parseCaseKey } from '../model/case-key.js';
import { isOpen, openCaseSql } from '../model/case-status.js';
import { type CaseCursor, decodeCaseCursor, encodeCaseCursor, microsSql } from './case-cursor.js';
import type { CaseFilter } from './case-filter.js';
import { CaseOrder } from './case-order.js';
import { type CaseIncludes, type IncludedRow, NO_INCLUDES, includeSql } from './case-page-joins.js';
import { CASE_VIEW_COLUMNS, type CaseRow, type CaseView, toCaseView, withIncluded } from './case-views.js';

/**
 * What the fields of the cases read will need: `includes` rides on the statement reading the cases (and
 * lands on the views as plain properties); when the query asks for more batched fields (`readsMore`),
 * `run` loads them for all the cases at once, in the same unit of work.
 */
export interface Prefetch {
  includes: CaseIncludes;
  readsMore: boolean;
  run(manager: EntityManager, tenantIds: string[], views: readonly CaseView[]): Promise<void>;
}

type PageRow = CaseRow &
  IncludedRow & {
    cursor_due: string | null;
    cursor_created: string;
  };

class Params {
  readonly values: unknown[] = [];

  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

const ORDER_BY: Record<CaseOrder, string> = {
  [CaseOrder.SLA_URGENCY]: 'c.sla_due_at ASC NULLS LAST, c.priority ASC, c.created_at ASC, c.id ASC',
  [CaseOrder.NEWEST]: 'c.created_at DESC, c.id DESC',
};

/** Reading cases, always within the tenants the principal may read (row-level security backs it up). */
@Injectable()
export class CaseQueryService {
  constructor(private readonly access: CaseAccess) {}

  /**
   * One page of cases in keyset order: as cheap on page 100 as on page 1, stable while cases change. The
   * page with its tenants' keys, finding counts and (as the fields ask) assignees and last comments is one
   * statement.
   */
  async page(
    principal: Principal,
    filter: CaseFilter,
    order: CaseOrder,
    args: ConnectionArgs,
    opts: { openOnly: boolean; prefetch?: Prefetch },
  ): Promise<Connection<CaseView>> {
    const cursor = args.after ? decodeCaseCursor(args.after, order) : null;
    const empty: Connection<CaseView> = {
      edges: [],
      pageInfo: {
        hasNextPage: false,
        hasPreviousPage: Boolean(args.after),
        startCursor: null,
        endCursor: null,
      },
    };
    const statement = (readable: string[]): Statement | null => {
      const tenantIds = filter.tenantIds?.length
        ? readable.filter((t) => filter.tenantIds!.includes(t))
        : readable;
      if (tenantIds.length === 0) return null;
      const params = new Params();
      const where = [
        tenantIds.length === 1
          ? `c.tenant_id = ${params.add(tenantIds[0])}`
          : `c.tenant_id = ANY(${params.add(tenantIds, '::uuid[]')})`,
        ...conditions(filter, opts.openOnly, params),
      ];
      if (cursor) where.push(after(cursor, params));
      return selectSql(
        params,
        where,
        opts.prefetch?.includes ?? NO_INCLUDES,
        `, ${microsSql('c.sla_due_at')} AS cursor_due, ${microsSql('c.created_at')} AS cursor_created`,
        `ORDER BY ${ORDER_BY[order]} LIMIT ${params.add(args.first + 1)}`,
      );
    };
    const connection = async (
      manager: EntityManager | null,
      tenantIds: string[],
      rows: PageRow[],
    ): Promise<Connection<CaseView>> => {
      const views = await loaded(manager, tenantIds, rows.slice(0, args.first), opts.prefetch);
      const edges = rows
        .slice(0, args.first)
        .map((row, i) => ({ node: views[i], cursor: cursorOf(row, order) }));
      return {
        edges,
        pageInfo: {
          hasNextPage: rows.length > args.first,
          hasPreviousPage: Boolean(args.after),
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
      };
    };
    // The usual page (the queue with its assignees and last comments) is one message to PostgreSQL; a
    // query asking for more batched fields reads them in the same unit of work as the page.
    if (!opts.prefetch?.readsMore) {
      const read = await this.access.rows<PageRow>(principal, 'case list', statement);
      return read ? connection(null, read.tenantIds, read.rows) : empty;
    }
    const page = await this.access.read(principal, 'case list', async (manager, readable) => {
      const built = statement(readable);
      if (!built) return empty;
      return connection(manager, readable, (await manager.query(built.text, [...built.values])) as PageRow[]);
    });
    return (await page) ?? empty;
  }

  /** NOT_FOUND alike for a malformed id, an unknown one, and one of a tenant the principal may not read. */
  async get(principal: Principal, id: string, prefetch?: Prefetch): Promise<CaseView> {
    if (!isUuid(id)) throw SieveException.notFound('Case', id);
    const found = await this.access.read(principal, 'case read', async (manager, tenantIds) => {
      const params = new Params();
      const where = [
        `c.tenant_id = ANY(${params.add(tenantIds, '::uuid[]')})`,
        `c.id = ${params.add(id, '::uuid')}`,
      ];
      const rows = await select<CaseRow & IncludedRow>(
        manager,
        params,
        where,
        prefetch?.includes ?? NO_INCLUDES,
      );
      return (await loaded(manager, tenantIds, rows, prefetch))[0] ?? null;
    });
    if (!found) throw SieveException.notFound('Case', id);
    return found;
  }

  /** A case by its key (ACME-42), with the same answers as `get`. */
  async getByKey(principal: Principal, key: string, prefetch?: Prefetch): Promise<CaseView> {
    const parsed = parseCaseKey(key);
    if (!parsed) throw SieveException.notFound('Case', key);
    const found = await this.access.read(principal, 'case read', async (manager, tenantIds) => {
      const params = new Params();
      const where = [
        `c.tenant_id = ANY(${params.add(tenantIds, '::uuid[]')})`,
        `t.slug = ${params.add(parsed.slug)}`,
        `c.number = ${params.add(parsed.number, '::int')}`,
      ];
      const rows = await select<CaseRow & IncludedRow>(
        manager,
        params,
        where,
        prefetch?.includes ?? NO_INCLUDES,
      );
      return (await loaded(manager, tenantIds, rows, prefetch))[0] ?? null;
    });
    if (!found) throw SieveException.notFound('Case', key);
    return found;
  }
}

/** One statement: the cases, their tenants' keys, finding counts and whatever `includes` asks for. */
function selectSql(
  params: Params,
  where: readonly string[],
  includes: CaseIncludes,
  columns = '',
  tail = '',
): Statement {
  const extra = includeSql(includes);
  return {
    text: `SELECT ${CASE_VIEW_COLUMNS}${extra.columns}${columns}
     FROM cases c JOIN tenants t ON t.id = c.tenant_id ${extra.joins}
     WHERE ${where.join(' AND ')} ${tail}`,
    values: params.values,
  };
}

async function select<R extends CaseRow & IncludedRow>(
  manager: EntityManager,
  params: Params,
  where: readonly string[],
  includes: CaseIncludes,
): Promise<R[]> {
  const { text, values } = selectSql(params, where, includes);
  return (await manager.query(text, [...values])) as R[];
}

/** The views of the rows, with what their statement carried, and what else the prefetch reads. */
async function loaded(
  manager: EntityManager | null,
  tenantIds: string[],
  rows: readonly (CaseRow & IncludedRow)[],
  prefetch: Prefetch | undefined,
): Promise<CaseView[]> {
  const includes = prefetch?.includes ?? NO_INCLUDES;
  const views = rows.map((row) => withIncluded(toCaseView(row), row, includes));
  if (prefetch?.readsMore && views.length > 0) {
    if (!manager) throw new Error('a prefetch that reads more needs the unit of work');
    await prefetch.run(manager, tenantIds, views);
  }
  return views;
}

function conditions(filter: CaseFilter, openOnly: boolean, params: Params): string[] {
  const where: string[] = [];
  if (filter.status?.length) {
    where.push(`c.status = ANY(${params.add(filter.status, '::text[]')})`);
    // Restating "open" lets the planner use the queue's partial index.
    if (filter.status.every(isOpen)) where.push(openCaseSql('c'));
  } else if (openOnly) {
    where.push(openCaseSql('c'));
  }
  if (filter.severity?.length)
    where.push(`c.severity_label = ANY(${params.add(filter.severity, '::text[]')})`);
  if (filter.priority?.length) where.push(`c.priority = ANY(${params.add(filter.priority, '::smallint[]')})`);
  if (filter.assigneeId) where.push(`c.assignee_id = ${params.add(filter.assigneeId, '::uuid')}`);
  if (filter.unassigned) where.push('c.assignee_id IS NULL');
  if (filter.slaState?.length) where.push(`c.sla_state = ANY(${params.add(filter.slaState, '::text[]')})`);
  if (filter.tag) where.push(`${params.add(filter.tag)} = ANY(c.tags)`);
  return where;
}

/** Rows strictly after the cursor in the list's order. */
function after(cursor: CaseCursor, params: Params): string {
  const created = params.add(cursor.created, '::timestamptz');
  const id = params.add(cursor.id, '::uuid');
  if (cursor.order === CaseOrder.NEWEST) return `(c.created_at, c.id) < (${created}, ${id})`;
  const rest = `(c.priority, c.created_at, c.id) > (${params.add(cursor.priority, '::smallint')}, ${created}, ${id})`;
  if (cursor.due === null) return `(c.sla_due_at IS NULL AND ${rest})`;
  const due = params.add(cursor.due, '::timestamptz');
  return `(c.sla_due_at > ${due} OR c.sla_due_at IS NULL OR (c.sla_due_at = ${due} AND ${rest}))`;
}

function cursorOf(row: PageRow, order: CaseOrder): string {
  return encodeCaseCursor(
    order === CaseOrder.NEWEST
      ? { order, created: row.cursor_created, id: row.id }
      : { order, due: row.cursor_due, priority: row.priority, created: row.cursor_created, id: row.id },
  );
}
