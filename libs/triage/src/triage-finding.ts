import type { Finding, NormalizedFinding } from '@sieve/findings';

/** What triage reads about a finding's other side, principal and activity (the normaliser's observables). */
export type TriageObservables = NormalizedFinding['observables'];
export type TriageResource = NormalizedFinding['resources'][number];
export type TriagePrincipal = NonNullable<TriageObservables['principal']>;

/**
 * A small read-only view of a stored finding, the only finding shape enrichers, rules and the fingerprint
 * see. It carries no `raw` on purpose: everything triage reasons about was extracted once by the normaliser.
 */
export interface TriageFinding {
  readonly id: string;
  readonly findingType: string;
  readonly types: readonly string[];
  readonly severityLabel: string;
  readonly severityNormalized: number;
  readonly awsAccountId: string;
  readonly region: string;
  readonly resources: readonly Readonly<TriageResource>[];
  readonly observables: Readonly<TriageObservables>;
  readonly providerCreatedAt: Date;
  readonly providerUpdatedAt: Date;
  readonly lastObservedAt?: Date;
}

/** The stored Finding's jsonb columns hold what the normaliser produced; this is their view for triage. */
export function triageFindingOf(finding: Finding, lastObservedAt?: Date): TriageFinding {
  const observables = finding.observables as Partial<TriageObservables>;
  return freeze({
    id: finding.id,
    findingType: finding.findingType,
    types: [...finding.types],
    severityLabel: finding.severityLabel,
    severityNormalized: finding.severityNormalized,
    awsAccountId: finding.awsAccountId,
    region: finding.region,
    resources: finding.resources as TriageResource[],
    observables: { ...observables, localPorts: observables.localPorts ?? [] },
    providerCreatedAt: finding.providerCreatedAt,
    providerUpdatedAt: finding.providerUpdatedAt,
    lastObservedAt,
  });
}

/** The same view straight from a normalised finding (tests, and triage before the finding is stored). */
export function triageFindingFromNormalized(finding: NormalizedFinding, id: string): TriageFinding {
  return freeze({
    id,
    findingType: finding.findingType,
    types: [...finding.types],
    severityLabel: finding.severityLabel,
    severityNormalized: finding.severityNormalized,
    awsAccountId: finding.awsAccountId,
    region: finding.region,
    resources: finding.resources,
    observables: finding.observables,
    providerCreatedAt: finding.createdAt,
    providerUpdatedAt: finding.updatedAt,
    lastObservedAt: finding.lastObservedAt,
  });
}

/**
 * Deep-frozen, so that an enricher can change neither what the next one reads nor the finding the verdict is
 * stored for. Frozen in place, not copied: the views share the finding's parsed jsonb (resources,
 * observables), which triage only reads, and a structured clone of every finding was a tenth of the
 * worker's time.
 */
function freeze<T>(value: T): T {
  return deepFreeze(value);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
