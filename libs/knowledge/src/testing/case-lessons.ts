import type { Fingerprint, Predicate } from '../patterns/predicate.js';
import type { CaseLesson, Generalisation } from '../learning/generalise/generalise-case.js';
import type { LearningFinding } from '../learning/generalise/learning-finding.js';

/** Fingerprints and helpers the case generalisation specs share. */
export const API_TYPE = 'Discovery:IAMUser/AnomalousBehavior';
export const PROBE_TYPE = 'Recon:EC2/PortProbeUnprotectedPort';

/** A CI deploy role listing buckets from a runner, as the fingerprint writes it. */
export function deployCall(n: number, patch: Fingerprint = {}): Fingerprint {
  return {
    findingType: API_TYPE,
    findingTypeFamily: 'Discovery:IAMUser',
    severityLabel: 'MEDIUM',
    region: 'eu-west-1',
    awsAccountId: '710000000001',
    actionType: 'AWS_API_CALL',
    apiAction: 's3:ListBuckets',
    apiService: 's3',
    callerType: 'Remote IP',
    userAgentFamily: 'aws-cli',
    userAgentMajor: 2,
    remoteIp: `198.51.100.${n}`,
    remoteScope: 'public',
    remoteAsn: 7922,
    remoteAsnOrg: 'COMCAST-7922',
    remoteCountry: 'US',
    remoteHosting: false,
    remoteTor: false,
    principalKind: 'assumed-role',
    principalType: 'AssumedRole',
    principalName: 'deploy',
    principalKey: '710000000001:role/deploy',
    ciProvider: 'github-actions',
    credentials: 'temporary',
    resourceType: 'AwsIamAccessKey',
    resourceTypes: ['AwsIamAccessKey'],
    resourceId: `AWS::IAM::AccessKey:ASIA${n}`,
    resourceTagged: false,
    resourceTagKeys: [],
    localPorts: [],
    newCountry: n === 1,
    newAsn: n === 1,
    newUserAgentFamily: n === 1,
    newApiAction: n === 1,
    cloudtrailErrors: n,
    threatCategories: [],
    ...patch,
  };
}

/** An internet scanner probing the bastion's SSH port. */
export function probe(n: number, patch: Fingerprint = {}): Fingerprint {
  return {
    findingType: PROBE_TYPE,
    severityLabel: 'LOW',
    region: 'eu-west-1',
    actionType: 'PORT_PROBE',
    remoteIp: `203.0.113.${n}`,
    remoteScope: 'public',
    remoteCountry: 'NL',
    remoteHosting: false,
    resourceType: 'AwsEc2Instance',
    resourceId: 'arn:aws:ec2:eu-west-1:710000000001:instance/i-0bastion',
    resourceTagged: true,
    resourceTagKeys: ['Environment', 'Name', 'Team'],
    resourceEnvironment: 'production',
    localPort: 22,
    localPorts: ['22'],
    direction: 'INBOUND',
    protocol: 'TCP',
    blocked: n % 2 === 0,
    ...patch,
  };
}

export const lesson: CaseLesson = {
  caseKey: 'ACME-42',
  summary: 'Nightly deploy lists buckets',
  disposition: 'BENIGN_EXPECTED',
};

export function findings(type: string, fingerprints: Fingerprint[]): LearningFinding[] {
  return fingerprints.map((fingerprint, i) => ({
    id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    findingType: type,
    severityLabel: String(fingerprint.severityLabel ?? 'LOW'),
    fingerprint,
  }));
}

export function pattern(result: Generalisation[], type: string) {
  const found = result.find((g) => g.findingType === type);
  if (found?.kind !== 'PATTERN') throw new Error(`no pattern for ${type}: ${JSON.stringify(found)}`);
  return found.definition;
}

export const features = (predicates: readonly Predicate[]) =>
  predicates.map((p) => ('feature' in p ? p.feature : `tag:${p.key}`));
