import type { TenantWorld } from '../scenario/world.js';

/**
 * A value that says who a tenant is. `exact`: only a whole string equal to it counts (a team name such as
 * `data` or `ops` is a word that occurs inside others); else any occurrence does.
 */
interface Identifier {
  kind: string;
  value: string;
  exact: boolean;
}

/** A tenant's identifying value found in a pooled pattern. */
export interface PoolLeak {
  tenant: string;
  kind: string;
  value: string;
  pattern: string;
}

/** A pooled pattern as read back over GraphQL: its reference, and the whole node (every field of it). */
export interface PooledPatternRead {
  reference: string;
  node: unknown;
}

/**
 * What says who a tenant is, as the generator made it: account and detector ids, its slug, its people, roles
 * and their unique ids, its instances (ids, addresses, its own image build), buckets, office network, and the
 * tag values that are its own words (team and purpose names, `key=value` pairs). Left out: the Environment and
 * DataClassification values (`production`, `public`), which are also words of Sieve's own generalised
 * vocabulary (environment class, address scope) that pooled patterns carry by design; and the public
 * appliance images, which are the same in every tenant.
 */
export function identifiersOf(world: TenantWorld): Identifier[] {
  const out: Identifier[] = [];
  const add = (kind: string, ...values: (string | undefined)[]) => {
    for (const value of values) if (value) out.push({ kind, value, exact: kind === 'tag value' });
  };
  add('account id', world.accountId);
  add('detector id', world.detectorId);
  add('slug', world.slug);
  const instances = [
    ...world.webServers,
    world.bastion,
    world.vulnScanner,
    world.blockchainNode,
    world.backup.worker,
  ];
  for (const i of instances) {
    add('instance id', i.id);
    add('instance address', i.privateIp, i.publicIp);
    for (const [key, value] of Object.entries(i.tags)) {
      add('tag', `${key}=${value}`);
      if (key === 'Team' || key === 'Purpose') add('tag value', value);
    }
  }
  add('own image', world.webServers[0].imageId, world.bastion.imageId, world.backup.worker.imageId);
  for (const role of [world.webAppRole, world.ciRole, world.backup.role]) add('role', role.name, role.roleId);
  for (const bucket of [...world.backup.buckets, ...world.publicBuckets]) add('bucket', bucket.name);
  if (world.admin) add('admin', world.admin.userName, world.admin.accessKeyId, world.admin.principalId);
  if (world.office) add('office network', `${world.office.block}.`);
  return out;
}

function strings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value.toLowerCase());
  else if (Array.isArray(value)) for (const v of value) strings(v, into);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.push(k.toLowerCase());
      strings(v, into);
    }
  }
  return into;
}

/** Every tenant identifier that appears in any pooled pattern (case-insensitive); none is the target. */
export function poolLeaks(
  worlds: readonly TenantWorld[],
  patterns: readonly PooledPatternRead[],
): PoolLeak[] {
  const read = patterns.map((p) => ({ reference: p.reference, strings: strings(p.node) }));
  const leaks: PoolLeak[] = [];
  for (const world of worlds) {
    for (const { kind, value, exact } of identifiersOf(world)) {
      const needle = value.toLowerCase();
      for (const p of read) {
        if (p.strings.some((s) => (exact ? s === needle : s.includes(needle))))
          leaks.push({ tenant: world.label, kind, value, pattern: p.reference });
      }
    }
  }
  return leaks;
}
