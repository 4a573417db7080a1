import { VetoKind } from '@sieve/knowledge';
import { writebackOf } from '../writeback/writeback-note.js';
import { decideVerdict } from './verdict-policy.js';

const ciPattern = {
  patternId: 'p-123',
  reference: 'P-123',
  scope: 'TENANT' as const,
  name: 'Terraform deploy role from GitHub Actions',
  description: 'CI deploys from GitHub-hosted runners',
  earlierHits: 412,
};

describe('decideVerdict', () => {
  it('explains a suppression with the pattern, its scope, its reason and its history', () => {
    const decision = decideVerdict(
      { findingType: 'Recon:EC2/PortProbeUnprotectedPort', severityLabel: 'LOW' },
      { kind: 'MATCH', match: ciPattern },
    );
    expect(decision).toEqual({
      verdict: 'SUPPRESSED',
      priority: null,
      explanation:
        'Suppressed by pattern P-123 (tenant): Terraform deploy role from GitHub Actions (CI deploys from GitHub-hosted runners); 412 earlier matches',
      note: 'Suppressed by pattern P-123 (tenant): Terraform deploy role from GitHub Actions (CI deploys from GitHub-hosted runners)',
      patternId: 'p-123',
      patternScope: 'TENANT',
    });
  });

  it('raises a vetoed match, naming the pattern and the novelty that vetoed it', () => {
    const decision = decideVerdict(
      { findingType: 'Discovery:IAMUser/AnomalousBehavior', severityLabel: 'MEDIUM' },
      {
        kind: 'VETOED',
        vetoed: [
          {
            ...ciPattern,
            vetoes: [
              {
                kind: VetoKind.NEW_COUNTRY,
                feature: 'remoteCountry',
                value: 'DE',
                reason: 'new country DE for this principal',
              },
            ],
          },
        ],
      },
    );
    expect(decision).toEqual({
      verdict: 'RAISED',
      priority: 3,
      explanation:
        'Raised: would be suppressed by P-123 "Terraform deploy role from GitHub Actions" (tenant) but vetoed: new country DE for this principal',
      note: expect.stringContaining('but vetoed: new country DE'),
      patternId: null,
      patternScope: null,
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
      { kind: 'NONE' },
    );
    expect(decision).toMatchObject({ verdict: 'RAISED', priority, patternId: null });
    expect(decision.explanation).toContain('CryptoCurrency:EC2/BitcoinTool.B!DNS');
  });
});

describe('writebackOf', () => {
  it('writes the same note for every finding a pattern suppresses, so one request carries them all', () => {
    const type = { findingType: 'Recon:EC2/PortProbeUnprotectedPort', severityLabel: 'LOW' };
    const first = writebackOf(
      decideVerdict(type, { kind: 'MATCH', match: { ...ciPattern, earlierHits: 1 } }),
    );
    const later = writebackOf(
      decideVerdict(type, { kind: 'MATCH', match: { ...ciPattern, earlierHits: 2 } }),
    );
    expect(first).toEqual(later);
    expect(first).toEqual({
      workflowStatus: 'SUPPRESSED',
      note: 'Sieve: Suppressed by pattern P-123 (tenant): Terraform deploy role from GitHub Actions (CI deploys from GitHub-hosted runners)',
    });
  });
});
