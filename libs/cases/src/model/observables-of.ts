import type { FindingFacts } from './finding-facts.js';
import { ObservableType } from './case-observable.entity.js';

export interface ObservableValue {
  type: ObservableType;
  value: string;
}

const MAX_VALUE = 2048;

/** ASFF ThreatIntelIndicators types, as the observable they are. */
const INDICATOR_TYPES: Record<string, ObservableType> = {
  IPV4_ADDRESS: ObservableType.IP,
  IPV6_ADDRESS: ObservableType.IP,
  DOMAIN: ObservableType.DOMAIN,
  HASH_MD5: ObservableType.HASH,
  HASH_SHA1: ObservableType.HASH,
  HASH_SHA256: ObservableType.HASH,
  HASH_SHA512: ObservableType.HASH,
};

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The indicators of a finding an analyst pivots on: the remote IP and domain, the principal's ARN and access
 * key, the ARNs of the resources, and the hashes, IPs and domains of ASFF threat-intel indicators. Read from
 * the normalised `observables` and `resources` (and the raw indicators), never from provider JSON guesses.
 */
export function observablesOf(
  finding: Pick<FindingFacts, 'resources' | 'observables' | 'indicators'>,
): ObservableValue[] {
  const found: ObservableValue[] = [];
  const add = (type: ObservableType, value: unknown): void => {
    const v = text(value);
    if (v && v.length <= MAX_VALUE) found.push({ type, value: v });
  };
  const obs = finding.observables;
  add(ObservableType.IP, record(obs.remote)?.ip);
  add(ObservableType.DOMAIN, obs.domain);
  const principal = record(obs.principal);
  add(ObservableType.PRINCIPAL_ARN, principal?.arn);
  add(ObservableType.ACCESS_KEY_ID, principal?.accessKeyId);
  for (const resource of finding.resources) {
    const id = text(record(resource)?.id);
    if (id?.startsWith('arn:')) add(ObservableType.RESOURCE_ARN, id);
  }
  if (Array.isArray(finding.indicators)) {
    for (const indicator of finding.indicators) {
      const type = INDICATOR_TYPES[String(record(indicator)?.Type)];
      if (type) add(type, record(indicator)?.Value);
    }
  }
  const seen = new Set<string>();
  return found.filter((o) => {
    const key = `${o.type}\u0000${o.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
