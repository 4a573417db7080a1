/**
 * The truth about each generated finding, kept in the simulator's memory only: it never travels in what is
 * pushed. The analyst's dispositions, the oracle and every metric read it.
 */

/** Benign behaviour shared by every tenant: what cross-tenant pooling can learn. */
export const ARCHETYPES = [
  'internet-scanner',
  'ci-deploy',
  'backup-pipeline',
  'vuln-scanner',
  'securityhub-control',
  'blockchain-node',
] as const;
export type Archetype = (typeof ARCHETYPES)[number];

/** Benign behaviour of one tenant only: its own office range, its own admin's console sign-ins. */
export const TENANT_BEHAVIOURS = ['office-api', 'admin-console'] as const;
export type TenantBehaviour = (typeof TENANT_BEHAVIOURS)[number];

/** Real attacks, each announced by a precursor on the same resource or principal. */
export const ATTACKS = ['credential-exfiltration', 'crypto-mining', 'brute-force-login'] as const;
export type AttackKind = (typeof ATTACKS)[number];

/** Attacks dressed as a benign archetype. */
export const HARD_NEGATIVES = ['stolen-ci-credentials', 'unexposed-port-probe', 'untagged-mining'] as const;
export type HardNegativeKind = (typeof HARD_NEGATIVES)[number];

export type FindingLabel =
  | { category: 'benign'; archetype: Archetype }
  | { category: 'tenant-benign'; behaviour: TenantBehaviour }
  /** Benign, but nothing earlier could tell (the admin signing in from a country never seen). */
  | { category: 'unknowable-benign' }
  | { category: 'attack'; kind: AttackKind; incident: string }
  | { category: 'precursor'; kind: AttackKind; incident: string }
  | { category: 'hard-negative'; kind: HardNegativeKind; incident: string };

export function isHostile(label: FindingLabel): boolean {
  return label.category === 'attack' || label.category === 'precursor' || label.category === 'hard-negative';
}

export function isBenign(label: FindingLabel): boolean {
  return !isHostile(label);
}

/** The incident a hostile finding belongs to; undefined for benign ones. */
export function incidentOf(label: FindingLabel): string | undefined {
  return 'incident' in label ? label.incident : undefined;
}

/** The row of the per-archetype table: `benign/internet-scanner`, `precursor/crypto-mining`… */
export function groupOf(label: FindingLabel): string {
  switch (label.category) {
    case 'benign':
      return `benign/${label.archetype}`;
    case 'tenant-benign':
      return `tenant/${label.behaviour}`;
    case 'unknowable-benign':
      return 'unknowable/new-country-login';
    default:
      return `${label.category}/${label.kind}`;
  }
}
