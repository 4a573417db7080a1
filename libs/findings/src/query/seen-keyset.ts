import { type Connection, type ConnectionArgs, paginateNewestFirst } from '@sieve/core';
import type { SelectQueryBuilder } from 'typeorm';
import type { Finding } from '../store/finding.entity.js';

/** Keyset pagination of findings on (last_seen_at, id), most recently seen first, mapped to views. */
export async function paginateBySeen<T>(
  query: SelectQueryBuilder<Finding>,
  alias: string,
  args: ConnectionArgs,
  toNode: (finding: Finding) => T,
): Promise<Connection<T>> {
  const page = await paginateNewestFirst(query, args, {
    alias,
    idType: 'uuid',
    createdColumn: 'last_seen_at',
    idOf: (f) => f.id,
  });
  return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: toNode(edge.node) })) };
}
