import { PATTERN_FEATURES } from '../patterns/pattern-features.js';
import { POOL_ANCHOR_FEATURES, POOLABLE_FEATURES, TYPE_FEATURES } from './poolable-features.js';

/**
 * The pool's allow-list, checked on its own (the knowledge base cannot import triage; triage's test checks
 * that this list equals its `poolable: true` fingerprint keys).
 */
describe('poolable features', () => {
  it('names only features the pattern language knows', () => {
    for (const feature of POOLABLE_FEATURES) expect(Object.keys(PATTERN_FEATURES)).toContain(feature);
  });

  it.each([
    'awsAccountId',
    'region',
    'remoteIp',
    'domain',
    'principalName',
    'principalKey',
    'resourceId',
    'resourceOwner',
    'resourceStack',
    'resourceTags',
    'userAgentProduct',
    'newCountry',
    'newAsn',
    'newUserAgentFamily',
    'newApiAction',
    'historyBaseline',
  ] as const)('keeps %s, which identifies a tenant or describes its history, out of the pool', (feature) => {
    expect(POOLABLE_FEATURES.has(feature)).toBe(false);
  });

  it('covers every pattern feature one way or the other: a new feature must be classified', () => {
    const classified = new Set<string>([
      ...POOLABLE_FEATURES,
      'awsAccountId',
      'region',
      'remoteIp',
      'domain',
      'principalName',
      'principalKey',
      'resourceId',
      'resourceOwner',
      'resourceStack',
      'resourceTags',
      'userAgentProduct',
      'newCountry',
      'newAsn',
      'newUserAgentFamily',
      'newApiAction',
      'historyBaseline',
      'cloudtrailErrors',
    ]);
    expect(Object.keys(PATTERN_FEATURES).filter((f) => !classified.has(f))).toEqual([]);
  });

  it('anchors a pooled pattern only on poolable features that are not the finding type', () => {
    for (const feature of POOL_ANCHOR_FEATURES) {
      expect(POOLABLE_FEATURES.has(feature)).toBe(true);
      expect(TYPE_FEATURES.has(feature)).toBe(false);
    }
  });
});
