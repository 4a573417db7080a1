import type { AsffFinding } from '../securityhub/asff.types.js';

export interface StoredFinding {
  finding: AsffFinding;
  /**
   * Set once BatchUpdateFindings touched the finding: from then on Security Hub ignores provider
   * (BatchImportFindings) changes to the customer-owned fields.
   */
  customerUpdated: boolean;
}

/** Security Hub's findings, per account and region, unique by (ProductArn, Id). */
export class FindingStore {
  private readonly byScope = new Map<string, Map<string, StoredFinding>>();

  static key(productArn: string, id: string): string {
    return `${productArn}\u0000${id}`;
  }

  list(accountId: string, region: string): StoredFinding[] {
    return [...(this.byScope.get(scopeKey(accountId, region))?.values() ?? [])];
  }

  get(accountId: string, region: string, key: string): StoredFinding | undefined {
    return this.byScope.get(scopeKey(accountId, region))?.get(key);
  }

  put(accountId: string, region: string, stored: StoredFinding): void {
    const scope = scopeKey(accountId, region);
    let findings = this.byScope.get(scope);
    if (!findings) {
      findings = new Map();
      this.byScope.set(scope, findings);
    }
    findings.set(FindingStore.key(stored.finding.ProductArn, stored.finding.Id), stored);
  }

  /** Number of findings per region of an account. */
  countByRegion(accountId: string): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [scope, findings] of this.byScope) {
      const [scopeAccount, region] = scope.split('/');
      if (scopeAccount === accountId) counts[region] = findings.size;
    }
    return counts;
  }
}

function scopeKey(accountId: string, region: string): string {
  return `${accountId}/${region}`;
}
