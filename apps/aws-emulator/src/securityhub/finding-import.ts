import { FindingStore, type StoredFinding } from '../state/finding-store.js';
import type { AsffFinding } from './asff.types.js';
import { completeSeverity } from './severity.js';

/**
 * Fields that belong to the customer once they used BatchUpdateFindings: Security Hub then ignores
 * what the finding provider sends for them.
 */
const CUSTOMER_FIELDS = [
  'Note',
  'UserDefinedFields',
  'VerificationState',
  'Confidence',
  'Criticality',
  'RelatedFindings',
  'Severity',
  'Types',
  'Workflow',
  'WorkflowState',
] as const;

const AWS_PRODUCT_NAMES: Record<string, string> = {
  guardduty: 'GuardDuty',
  inspector: 'Inspector',
  securityhub: 'Security Hub',
  macie: 'Macie',
  'access-analyzer': 'IAM Access Analyzer',
  'firewall-manager': 'Firewall Manager',
};

/**
 * Creates or replaces a finding the way BatchImportFindings does (upsert by ProductArn and Id),
 * filling in what Security Hub itself adds: Region, ProductName, CompanyName, default workflow and
 * record state, ProcessedAt. Returns whether the finding was new.
 */
export function importFinding(
  store: FindingStore,
  accountId: string,
  region: string,
  incoming: AsffFinding,
  now: Date,
): 'created' | 'updated' {
  const existing = store.get(accountId, region, FindingStore.key(incoming.ProductArn, incoming.Id));
  const [company, product] = productNames(incoming.ProductArn);
  const finding: AsffFinding = {
    ...incoming,
    Region: region,
    CompanyName: incoming.CompanyName ?? company,
    ProductName: incoming.ProductName ?? product,
    RecordState: incoming.RecordState ?? 'ACTIVE',
    Workflow: incoming.Workflow ?? { Status: 'NEW' },
    WorkflowState: incoming.WorkflowState ?? 'NEW',
    Severity: completeSeverity(incoming.Severity),
    ProcessedAt: now.toISOString(),
  };
  if (existing?.customerUpdated) {
    const fields: Record<string, unknown> = finding;
    for (const field of CUSTOMER_FIELDS) {
      if (existing.finding[field] === undefined) delete fields[field];
      else fields[field] = existing.finding[field];
    }
  }
  const stored: StoredFinding = { finding, customerUpdated: existing?.customerUpdated ?? false };
  store.put(accountId, region, stored);
  return existing ? 'updated' : 'created';
}

/** `arn:aws:securityhub:us-east-1::product/aws/guardduty` → Amazon / GuardDuty; own products are "Personal / Default". */
function productNames(productArn: string): [company: string, product: string] {
  const [owner = '', product = ''] = productArn.split(':product/')[1]?.split('/') ?? [];
  if (owner === 'aws') return ['Amazon', AWS_PRODUCT_NAMES[product] ?? product];
  if (/^\d{12}$/.test(owner)) return ['Personal', product === 'default' ? 'Default' : product];
  return [owner, product];
}
