import { isIP } from 'node:net';
import { ErrorCode, SieveException } from '@sieve/core';
import { ObservableType } from './case-observable.entity.js';

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i;
const ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:\S+$/;
const ACCESS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
const HASH = /^(?:[a-f0-9]{32}|[a-f0-9]{40}|[a-f0-9]{64}|[a-f0-9]{128})$/i;

/**
 * An observable typed by hand, checked and put in the form extraction produces (so the per-case uniqueness
 * holds across both): domains and hashes lower-cased, IPs as typed, ARNs and key ids verbatim.
 */
export function normalizeObservable(type: ObservableType, raw: string): string {
  const value = raw.trim();
  const valid: Record<ObservableType, () => string | null> = {
    [ObservableType.IP]: () => (isIP(value) ? value : null),
    [ObservableType.DOMAIN]: () => (DOMAIN.test(value) ? value.toLowerCase().replace(/\.$/, '') : null),
    [ObservableType.PRINCIPAL_ARN]: () => (ARN.test(value) ? value : null),
    [ObservableType.RESOURCE_ARN]: () => (ARN.test(value) ? value : null),
    [ObservableType.ACCESS_KEY_ID]: () => (ACCESS_KEY_ID.test(value) ? value : null),
    [ObservableType.HASH]: () => (HASH.test(value) ? value.toLowerCase() : null),
  };
  const normalized = valid[type]();
  if (normalized === null) {
    throw new SieveException(
      ErrorCode.BadUserInput,
      `"${value.slice(0, 100)}" is not a valid ${type} observable`,
    );
  }
  return normalized;
}
