/** Human key of a case: the tenant's slug upper-cased and its number, `ACME-42`. */
export function caseKey(tenantSlug: string, number: number): string {
  return `${tenantSlug.toUpperCase()}-${number}`;
}

const KEY = /^([A-Z0-9][A-Z0-9-]{1,38}[A-Z0-9])-([1-9]\d{0,8})$/i;

/** The slug and number of a key, or null when it cannot be one (slugs are lower case in the database). */
export function parseCaseKey(key: string): { slug: string; number: number } | null {
  const match = KEY.exec(key.trim());
  return match ? { slug: match[1].toLowerCase(), number: Number(match[2]) } : null;
}
