/** ACTIVE: verified and readable. FAILED: never verified. DEGRADED: verified once, failing now. */
export enum AwsAccountStatus {
  ACTIVE = 'ACTIVE',
  FAILED = 'FAILED',
  DEGRADED = 'DEGRADED',
}
