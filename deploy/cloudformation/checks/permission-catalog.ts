/**
 * The reviewed list of everything the customer role may do, with the narrowest Resource each action's
 * API supports and why Sieve needs it. The template must grant exactly this: a new permission needs an
 * entry here (and a line in README.md), so it is reviewed as code, not slipped into YAML.
 *
 * Resources are Fn::Sub strings as written in the template. "*" appears only where the Service
 * Authorization Reference lists no resource type for the action, so AWS accepts nothing narrower.
 * "*" in an identity policy still stays inside the customer's account: reaching another account's
 * resources would also need that account's consent, which none of these services offer for these APIs.
 */

export type Access = 'read' | 'write';

export interface CatalogEntry {
  readonly access: Access;
  readonly resource: string;
  readonly why: string;
}

export const ANY_RESOURCE = '*';
export const SECURITY_HUB = 'arn:${AWS::Partition}:securityhub:*:${AWS::AccountId}:hub/default';
export const GUARDDUTY_DETECTORS = 'arn:${AWS::Partition}:guardduty:*:${AWS::AccountId}:detector/*';
export const IAM_ROLES = 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*';
export const IAM_USERS = 'arn:${AWS::Partition}:iam::${AWS::AccountId}:user/*';

export const PERMISSION_CATALOG: Readonly<Record<string, CatalogEntry>> = {
  'securityhub:GetFindings': {
    access: 'read',
    resource: SECURITY_HUB,
    why: 'pull findings to triage, per Region',
  },
  'securityhub:BatchUpdateFindings': {
    access: 'write',
    resource: SECURITY_HUB,
    why: 'write back Workflow.Status and a Note for suppressed or handled findings',
  },
  'guardduty:ListDetectors': {
    access: 'read',
    resource: ANY_RESOURCE,
    why: "find each Region's detector (no resource-level permissions)",
  },
  'guardduty:GetDetector': {
    access: 'read',
    resource: GUARDDUTY_DETECTORS,
    why: 'detector state, to tell "no findings" from "GuardDuty off"',
  },
  'guardduty:ListFindings': {
    access: 'read',
    resource: GUARDDUTY_DETECTORS,
    why: 'list native GuardDuty findings',
  },
  'guardduty:GetFindings': {
    access: 'read',
    resource: GUARDDUTY_DETECTORS,
    why: 'read native GuardDuty findings, richer than their Security Hub copy',
  },
  'cloudtrail:LookupEvents': {
    access: 'read',
    resource: ANY_RESOURCE,
    why: "the principal's API activity around a finding (no resource-level permissions)",
  },
  'ec2:DescribeInstances': {
    access: 'read',
    resource: ANY_RESOURCE,
    why: 'exposure: public addresses, subnets, instance profile (no resource-level permissions)',
  },
  'ec2:DescribeSecurityGroups': {
    access: 'read',
    resource: ANY_RESOURCE,
    why: 'exposure: which rules admit the traffic (no resource-level permissions)',
  },
  'elasticloadbalancing:DescribeLoadBalancers': {
    access: 'read',
    resource: ANY_RESOURCE,
    why: 'exposure: internet-facing load balancers (no resource-level permissions)',
  },
  'elasticloadbalancing:DescribeListeners': {
    access: 'read',
    resource: ANY_RESOURCE,
    why: 'exposure: open ports and protocols (no resource-level permissions)',
  },
  'elasticloadbalancing:DescribeTargetGroups': {
    access: 'read',
    resource: ANY_RESOURCE,
    why: 'exposure: which targets a load balancer forwards to (no resource-level permissions)',
  },
  'elasticloadbalancing:DescribeTargetHealth': {
    access: 'read',
    resource: ANY_RESOURCE,
    why: 'exposure: whether the instance is a registered target (no resource-level permissions)',
  },
  'iam:GetRole': {
    access: 'read',
    resource: IAM_ROLES,
    why: "principal context: a role's path, tags, trust and last use",
  },
  'iam:GetUser': {
    access: 'read',
    resource: IAM_USERS,
    why: "principal context: a user's path, tags and age",
  },
  'tag:GetResources': {
    access: 'read',
    resource: ANY_RESOURCE,
    why: 'owner/environment tags that known-good patterns match on (no resource-level permissions)',
  },
};

/** The one action allowed to change anything in the customer's account. */
export const ALLOWED_WRITE_ACTIONS: ReadonlySet<string> = new Set(['securityhub:BatchUpdateFindings']);

/**
 * Read-only by name: AWS names its read APIs with these verbs. Used as a second, independent test, so
 * that a write action added to the catalog by mistake (marked 'read') is still caught.
 */
export function isReadOnlyByName(action: string): boolean {
  const name = action.slice(action.indexOf(':') + 1);
  return /^(Get|List|Describe|Lookup|BatchGet|Search)[A-Z]/.test(name);
}
