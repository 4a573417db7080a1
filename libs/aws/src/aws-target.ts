/**
 * One customer role the platform acts through. `externalId` travels with the role because it is
 * part of the role's identity for Sieve: the same role reached with another tenant's ExternalId is
 * a different (and refused) principal.
 */
export interface AwsRoleTarget {
  tenantId: string;
  accountId: string;
  roleArn: string;
  externalId: string;
}

/** A role target in one region: Security Hub data, quotas and SDK clients are all per region. */
export interface AwsRegionTarget extends AwsRoleTarget {
  region: string;
}
