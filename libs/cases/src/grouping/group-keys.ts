/** Key prefixes in `cases.group_keys`. */
export const RESOURCE_KEY = 'resource:';
export const PRINCIPAL_KEY = 'principal:';
/** A Security Hub control failing in an account: `control:<account>:<control id>`. */
export const CONTROL_KEY = 'control:';

/** More keys than this on one case are not recorded (a case spanning a whole fleet groups by its first ones). */
export const MAX_GROUP_KEYS = 100;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * What a raised finding groups on: its primary resource (fingerprint `resourceId`) and every resource id
 * of the finding, the principal whose credentials acted (fingerprint `principalKey`), and for a Security
 * Hub control finding the control in its account: one control failing on a dozen new buckets is one thing
 * to look at, not a dozen cases.
 */
export function groupKeysOf(
  resources: readonly unknown[],
  fingerprint: Readonly<Record<string, unknown>>,
  control?: { awsAccountId: string; controlId: string },
): string[] {
  const keys = new Set<string>();
  const resourceId = text(fingerprint.resourceId);
  if (resourceId) keys.add(RESOURCE_KEY + resourceId);
  for (const resource of resources) {
    const id = text((resource as { id?: unknown } | null)?.id);
    if (id) keys.add(RESOURCE_KEY + id);
  }
  const principalKey = text(fingerprint.principalKey);
  if (principalKey) keys.add(PRINCIPAL_KEY + principalKey);
  if (control) keys.add(`${CONTROL_KEY}${control.awsAccountId}:${control.controlId}`);
  return [...keys];
}

/** Security Hub's own product: its findings are control checks (CSPM), the others come from integrations. */
const SECURITY_HUB_PRODUCT = /:product\/aws\/securityhub$/;

/**
 * The control a Security Hub control finding checks, if it is one: Security Hub's own findings, whose type
 * the normaliser sets to the control id (`S3.8`).
 */
export function securityControlOf(finding: { productArn: string; findingType: string }): string | undefined {
  return SECURITY_HUB_PRODUCT.test(finding.productArn) && finding.findingType !== ''
    ? finding.findingType
    : undefined;
}

/** Keys of `existing` followed by the new ones of `added`, up to MAX_GROUP_KEYS. */
export function mergeKeys(existing: readonly string[], added: readonly string[]): string[] {
  const merged = [...new Set([...existing, ...added])];
  return merged.slice(0, Math.max(existing.length, MAX_GROUP_KEYS));
}

export interface KeyedGroup<T> {
  items: T[];
  keys: string[];
}

/**
 * Partitions items so that items sharing a key (directly or through others) are together: a batch's
 * findings on one resource or principal open one case, not one each. Items without keys stay alone.
 */
export function groupByKeys<T>(items: readonly { item: T; keys: readonly string[] }[]): KeyedGroup<T>[] {
  const parent = items.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const owner = new Map<string, number>();
  items.forEach(({ keys }, i) => {
    for (const key of keys) {
      const j = owner.get(key);
      if (j === undefined) owner.set(key, i);
      else parent[root(i)] = root(j);
    }
  });
  const groups = new Map<number, KeyedGroup<T>>();
  items.forEach(({ item, keys }, i) => {
    const r = root(i);
    const group = groups.get(r) ?? { items: [], keys: [] };
    group.items.push(item);
    for (const key of keys) if (!group.keys.includes(key)) group.keys.push(key);
    groups.set(r, group);
  });
  return [...groups.values()];
}
