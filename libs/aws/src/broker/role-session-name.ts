/** AWS's limits for RoleSessionName: 2 to 64 characters of [\w+=,.@-]. */
const MAX_LENGTH = 64;

/**
 * The session name AWS records in the customer's CloudTrail for every call Sieve makes, so their
 * auditors see which Sieve tenant acted: `sieve-<tenant id without dashes>`.
 */
export function roleSessionName(tenantId: string): string {
  return `sieve-${tenantId.replace(/[^\w+=,.@]/g, '')}`.slice(0, MAX_LENGTH);
}
