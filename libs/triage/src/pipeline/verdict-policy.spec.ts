import { decideVerdict } from './verdict-policy.js';

describe('decideVerdict', () => {
  it('explains a suppression with the pattern, its scope, its reason and its history', () => {
    const decision = decideVerdict(
      { findingType: 'Recon:EC2/PortProbeUnprotectedPort', severityLabel: 'LOW' },
      {
        patternId: 'p-123',
        scope: 'TENANT',
        name: 'Terraform deploy role from GitHub Actions',
        description: 'CI deploys from GitHub-hosted runners',
        earlierHits: 412,
      },
    );
    expect(decision).toEqual({
      verdict: 'SUPPRESSED',
      priority: null,
      explanation:
        'Suppressed by pattern "Terraform deploy role from GitHub Actions" (tenant, p-123): CI deploys from GitHub-hosted runners; 412 earlier matches',
      patternId: 'p-123',
      patternScope: 'TENANT',
    });
  });

  it.each([
    ['CRITICAL', 1],
    ['HIGH', 2],
    ['MEDIUM', 3],
    ['LOW', 4],
    ['INFORMATIONAL', 5],
  ])('raises an uncovered %s finding with priority %i', (severityLabel, priority) => {
    const decision = decideVerdict(
      { findingType: 'CryptoCurrency:EC2/BitcoinTool.B!DNS', severityLabel },
      null,
    );
    expect(decision).toMatchObject({ verdict: 'RAISED', priority, patternId: null });
    expect(decision.explanation).toContain('CryptoCurrency:EC2/BitcoinTool.B!DNS');
  });
});
