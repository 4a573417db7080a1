import { patternRecord } from '../testing/pattern-record.js';
import type { PatternRecord } from './compiled-pattern.js';
import { PatternIndex } from './index/pattern-index.js';
import { type MatchQuery, explainVeto } from './match-result.js';
import { type ScopeView, judgeFinding } from './pattern-judge.js';

const NOW = Date.parse('2027-01-15T00:00:00Z');
const TYPE = 'UnauthorizedAccess:IAMUser/ConsoleLogin';

function scope(records: PatternRecord[]): ScopeView {
  return { index: PatternIndex.build(records), earlierHits: (p) => p.hits };
}

const query = (fingerprint: MatchQuery['fingerprint'], severityLabel = 'LOW'): MatchQuery => ({
  findingType: TYPE,
  severityLabel,
  fingerprint,
});

describe('judgeFinding', () => {
  const tenantBroad = patternRecord({
    seq: 12,
    name: 'CI deploys',
    description: 'GitHub Actions deploy role',
    findingType: TYPE,
    hits: 41,
    predicates: [{ feature: 'principalKind', op: 'equals', value: 'ci-oidc' }],
  });
  const globalNarrow = patternRecord({
    scope: 'GLOBAL',
    seq: 3,
    findingType: TYPE,
    predicates: [
      { feature: 'principalKind', op: 'equals', value: 'ci-oidc' },
      { feature: 'ciProvider', op: 'equals', value: 'github-actions' },
    ],
  });

  it("prefers the tenant's own pattern to a global one, even a more specific global one", () => {
    const { outcome } = judgeFinding(
      [scope([tenantBroad]), scope([globalNarrow])],
      query({ principalKind: 'ci-oidc', ciProvider: 'github-actions' }),
      NOW,
    );
    expect(outcome).toEqual({
      kind: 'MATCH',
      match: {
        patternId: tenantBroad.id,
        reference: 'P-12',
        scope: 'TENANT',
        name: 'CI deploys',
        description: 'GitHub Actions deploy role',
        earlierHits: 41,
        confidence: 1,
      },
    });
  });

  it('falls through to the global set when no tenant pattern holds', () => {
    const { outcome } = judgeFinding(
      [scope([]), scope([globalNarrow])],
      query({ principalKind: 'ci-oidc', ciProvider: 'github-actions' }),
      NOW,
    );
    expect(outcome).toMatchObject({ kind: 'MATCH', match: { reference: 'G-3', scope: 'GLOBAL' } });
  });

  it('takes the next pattern in precedence when the first is vetoed', () => {
    // Same specificity as tenantBroad and younger: second in precedence.
    const pinnedCountry = patternRecord({
      seq: 50,
      findingType: TYPE,
      predicates: [{ feature: 'remoteCountry', op: 'in', values: ['DE', 'US'] }],
    });
    const { outcome } = judgeFinding(
      [scope([tenantBroad, pinnedCountry])],
      query({ principalKind: 'ci-oidc', remoteCountry: 'DE', newCountry: true }),
      NOW,
    );
    expect(outcome).toMatchObject({ kind: 'MATCH', match: { patternId: pinnedCountry.id } });
  });

  it('raises with the vetoes when every pattern that holds is vetoed, and explains it in one sentence', () => {
    const { outcome, winner } = judgeFinding(
      [scope([tenantBroad]), scope([globalNarrow])],
      query({
        principalKind: 'ci-oidc',
        ciProvider: 'github-actions',
        remoteCountry: 'DE',
        newCountry: true,
      }),
      NOW,
    );
    expect(winner).toBeUndefined();
    expect(outcome.kind).toBe('VETOED');
    if (outcome.kind !== 'VETOED') return;
    expect(outcome.vetoed.map((v) => v.reference)).toEqual(['P-12', 'G-3']);
    expect(explainVeto(outcome.vetoed[0])).toBe(
      'would be suppressed by P-12 "CI deploys" (tenant) but vetoed: new country DE for this principal',
    );
  });

  it('never suppresses a CRITICAL finding with a pattern that does not allow it', () => {
    const allowing = patternRecord({ ...tenantBroad, id: 'allowing', seq: 99, allowCritical: true });
    expect(
      judgeFinding([scope([tenantBroad])], query({ principalKind: 'ci-oidc' }, 'CRITICAL'), NOW).outcome,
    ).toMatchObject({ kind: 'VETOED', vetoed: [{ vetoes: [{ kind: 'CRITICAL_SEVERITY' }] }] });
    expect(
      judgeFinding([scope([tenantBroad, allowing])], query({ principalKind: 'ci-oidc' }, 'CRITICAL'), NOW)
        .outcome,
    ).toMatchObject({ kind: 'MATCH', match: { patternId: 'allowing' } });
  });

  it('answers NONE when nothing holds', () => {
    expect(judgeFinding([scope([tenantBroad])], query({ principalKind: 'iam-user' }), NOW).outcome).toEqual({
      kind: 'NONE',
    });
  });
});
