/** What the simulator read back from Sieve's public API at the end of a run. */
export interface ObservedFinding {
  verdict: 'SUPPRESSED' | 'RAISED' | null;
  patternScope: 'TENANT' | 'GLOBAL' | null;
  explanation: string | null;
}

export interface ObservedCase {
  id: string;
  /** Provider ids (`findingId`) of the findings linked to the case. */
  findingIds: readonly string[];
  /** Opened during the measurement phase (the cases that count as raised). */
  inMeasurement: boolean;
  /**
   * Opened by the analyst to split benign context out of a true-positive case: not raised by Sieve, so not
   * counted in the noise ratio (its findings were counted in the case Sieve raised).
   */
  openedByAnalyst?: boolean;
}

export interface Observation {
  /** By provider id (`findingId`): unique across tenants, since it holds the account id. */
  findings: ReadonlyMap<string, ObservedFinding>;
  cases: readonly ObservedCase[];
}
