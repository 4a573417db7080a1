import { PATTERN_FEATURES, POOLABLE_FEATURES } from '@sieve/knowledge';
import { FINDING_FINGERPRINT_KEYS } from './fingerprint.js';

// The pooling job (knowledge) keeps its own allow-list because knowledge cannot import triage; this keeps the
// two from drifting apart: a feature triage marks poolable is pooled, and nothing else is.
describe('poolable features', () => {
  it('are exactly the fingerprint keys triage marks poolable', () => {
    const poolable = Object.entries(FINDING_FINGERPRINT_KEYS)
      .filter(([, doc]) => doc.poolable)
      .map(([key]) => key)
      .sort();
    expect([...POOLABLE_FEATURES].sort()).toEqual(poolable);
  });
});

describe('pattern features', () => {
  it('are exactly the fingerprint keys, so a pattern can name every feature triage computes and no other', () => {
    expect(Object.keys(PATTERN_FEATURES).sort()).toEqual(Object.keys(FINDING_FINGERPRINT_KEYS).sort());
  });
});
