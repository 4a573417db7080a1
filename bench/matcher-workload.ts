/**
 * Generated known-good patterns and findings for `npm run bench:matcher`: what a large pooled set or a
 * big MSSP tenant looks like. Patterns follow the benign archetypes Sieve learns (CI deploy roles, backup
 * jobs, internet scanners on exposed ports, the tenant's own vulnerability scanner, agents calling home,
 * data pipelines) over ~150 finding types with a skewed (Zipf) popularity, mixing equals, in-set, ASN,
 * CIDR (IPv4 and IPv6), prefix, range and tag predicates. Findings are half hits (built to satisfy one
 * pattern) and half misses (a hit with one value changed, or unrelated behaviour).
 */
import type { Fingerprint, PatternRecord, Predicate } from '@sieve/knowledge';

/** mulberry32: seeded, so every run benchmarks the same patterns and findings. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const int = (r: Random, n: number) => Math.floor(r() * n);
const pick = <T>(r: Random, items: readonly T[]): T => items[int(r, items.length)];
const hex = (r: Random, n: number) => Array.from({ length: n }, () => int(r, 16).toString(16)).join('');

const FAMILIES = [
  'Recon:EC2/PortProbeUnprotectedPort',
  'Recon:EC2/PortProbeEMRUnprotectedPort',
  'Recon:EC2/Portscan',
  'UnauthorizedAccess:EC2/SSHBruteForce',
  'UnauthorizedAccess:EC2/RDPBruteForce',
  'UnauthorizedAccess:IAMUser/ConsoleLogin',
  'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
  'Discovery:IAMUser/AnomalousBehavior',
  'Discovery:S3/AnomalousBehavior',
  'Exfiltration:S3/AnomalousBehavior',
  'Impact:S3/AnomalousBehavior.Write',
  'Persistence:IAMUser/AnomalousBehavior',
  'PrivilegeEscalation:IAMUser/AnomalousBehavior',
  'Policy:IAMUser/RootCredentialUsage',
  'Policy:S3/BucketBlockPublicAccessDisabled',
  'Stealth:IAMUser/CloudTrailLoggingDisabled',
  'Backdoor:EC2/C&CActivity.B!DNS',
  'Trojan:EC2/DNSDataExfiltration',
  'CryptoCurrency:EC2/BitcoinTool.B!DNS',
  'Behavior:EC2/NetworkPortUnusual',
  'Behavior:EC2/TrafficVolumeUnusual',
  'Recon:IAMUser/MaliciousIPCaller',
  'InitialAccess:IAMUser/AnomalousBehavior',
  'CredentialAccess:IAMUser/AnomalousBehavior',
  'DefenseEvasion:IAMUser/AnomalousBehavior',
];
const CONTROLS = Array.from(
  { length: 125 },
  (_, i) => `${pick(seeded(i), ['EC2', 'S3', 'IAM', 'RDS', 'Lambda', 'KMS'])}.${i + 1}`,
);
/** ~150 types, most popular first: pattern i's type is drawn with Zipf(1) weights over this list. */
export const FINDING_TYPES = [...FAMILIES, ...CONTROLS];

const ZIPF_CDF = (() => {
  const weights = FINDING_TYPES.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  return weights.map((w) => (acc += w / total));
})();

function zipfType(r: Random): string {
  const x = r();
  let lo = 0;
  let hi = ZIPF_CDF.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ZIPF_CDF[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return FINDING_TYPES[lo];
}

const HOSTING_ASNS = [16509, 14618, 8075, 15169, 396982, 14061, 16276, 24940, 63949, 20473];
const ISP_ASNS = [3320, 7922, 701, 3215, 2856, 6830, 12322, 5089, 1136, 3269];
const PORTS = ['22', '80', '443', '3389', '8080', '8443', '5432', '3306', '9200', '6443'];
const API_ACTIONS = [
  's3:GetObject',
  's3:PutObject',
  's3:ListBucket',
  'ec2:DescribeInstances',
  'iam:PassRole',
  'sts:AssumeRole',
  'cloudformation:UpdateStack',
  'lambda:UpdateFunctionCode',
  'kms:Decrypt',
  'dynamodb:Query',
];
const UA_FAMILIES = ['aws-cli', 'boto3', 'aws-sdk-js-v3', 'terraform', 'aws-sdk-go-v2', 'console'];

function ipv4In(r: Random, a: number, b: number, c: number): string {
  return `${a}.${b}.${c}.${1 + int(r, 254)}`;
}

function publicBlock(r: Random): { block: string; sample: (r: Random) => string } {
  if (r() < 0.15) {
    // An IPv6 /48 of the scanner's provider.
    const prefix = `2001:db8:${hex(r, 4)}`;
    return { block: `${prefix}::/48`, sample: (rr) => `${prefix}:${hex(rr, 4)}::${hex(rr, 3)}` };
  }
  const [a, b, c] = [11 + int(r, 180), int(r, 256), int(r, 256)];
  if (r() < 0.3) return { block: `${a}.${b}.${c}.${1 + int(r, 254)}/32`, sample: () => `${a}.${b}.${c}.0` };
  return { block: `${a}.${b}.${c}.0/24`, sample: (rr) => ipv4In(rr, a, b, c) };
}

interface Archetype {
  weight: number;
  make(r: Random, n: number): Predicate[];
}

/** Realistic shapes; `n` makes names unique, as tenants' role and resource names are. */
const ARCHETYPES: Archetype[] = [
  {
    weight: 22, // CI/CD deploy role from a hosted runner
    make: (r, n) => [
      { feature: 'principalKind', op: 'equals', value: 'ci-oidc' },
      { feature: 'ciProvider', op: 'in', values: [pick(r, ['github-actions', 'gitlab', 'circleci'])] },
      { feature: 'principalName', op: 'equals', value: `deploy-${n.toString(36)}` },
      { feature: 'remoteAsn', op: 'asn', asns: [pick(r, HOSTING_ASNS)] },
    ],
  },
  {
    weight: 20, // internet scanners probing an exposed port of one instance
    make: (r, n) => [
      { feature: 'localPorts', op: 'in', values: [pick(r, PORTS)] },
      { feature: 'resourceId', op: 'equals', value: `i-${n.toString(16).padStart(8, '0')}${hex(r, 9)}` },
      { feature: 'resourceType', op: 'equals', value: 'AwsEc2Instance' },
    ],
  },
  {
    weight: 16, // backup and data-pipeline jobs
    make: (r, n) => [
      {
        feature: 'principalKey',
        op: 'equals',
        value: `${100000000000 + (n % 899999999999)}:role/backup-${n.toString(36)}`,
      },
      { feature: 'apiAction', op: 'in', values: [pick(r, API_ACTIONS), pick(r, API_ACTIONS)] },
      { feature: 'userAgentFamily', op: 'equals', value: pick(r, UA_FAMILIES) },
      { feature: 'userAgentMajor', op: 'range', min: 1, max: 3 },
    ],
  },
  {
    weight: 14, // the tenant's own vulnerability scanner, from its address block
    make: (r) => [
      { feature: 'remoteIp', op: 'cidr', blocks: [publicBlock(r).block] },
      { op: 'tagPresent', key: pick(r, ['ScanTarget', 'Environment', 'Team']) },
    ],
  },
  {
    weight: 10, // agents calling home to their vendor
    make: (r, n) => [
      {
        feature: 'domain',
        op: 'prefix',
        value: `${pick(r, ['updates', 'telemetry', 'api', 'cdn'])}.vendor-${n.toString(36)}.`,
      },
      { feature: 'resourceType', op: 'equals', value: 'AwsEc2Instance' },
    ],
  },
  {
    weight: 8, // an in-house tool recognised by its user agent
    make: (r, n) => [
      { feature: 'userAgentProduct', op: 'prefix', value: `tool-${n.toString(36)}/` },
      { feature: 'apiService', op: 'equals', value: pick(r, ['s3', 'ec2', 'dynamodb', 'kms']) },
    ],
  },
  {
    weight: 8, // an office or partner network on its ISP
    make: (r, n) => [
      { feature: 'principalName', op: 'equals', value: `user-${n.toString(36)}` },
      { feature: 'remoteAsn', op: 'asn', asns: [pick(r, ISP_ASNS), pick(r, ISP_ASNS)] },
      { feature: 'remoteCountry', op: 'in', values: [pick(r, ['DE', 'FR', 'US', 'GB'])] },
    ],
  },
  {
    weight: 1.5, // broad: a tagged environment's ephemeral ports
    make: (r) => [
      { feature: 'resourceEnvironment', op: 'equals', value: pick(r, ['development', 'sandbox', 'test']) },
      { feature: 'localPort', op: 'range', min: 32768 + int(r, 1000), max: 60999 },
      { op: 'tagEquals', key: 'Environment', value: 'sandbox' },
    ],
  },
  {
    weight: 0.5, // broad: blocked probes of any port
    make: (r) => [
      { feature: 'blocked', op: 'equals', value: true },
      { feature: 'localPort', op: 'range', min: int(r, 1024), max: 1024 + int(r, 40000) },
    ],
  },
];
const ARCHETYPE_TOTAL = ARCHETYPES.reduce((a, b) => a + b.weight, 0);

function archetype(r: Random): Archetype {
  let x = r() * ARCHETYPE_TOTAL;
  for (const a of ARCHETYPES) if ((x -= a.weight) < 0) return a;
  return ARCHETYPES[0];
}

export function generatePatterns(count: number, seed = 6): PatternRecord[] {
  const r = seeded(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    seq: i + 1,
    scope: 'GLOBAL' as const,
    name: `pattern ${i + 1}`,
    description: 'Generated for the matcher benchmark',
    findingType: zipfType(r),
    predicates: archetype(r).make(r, i),
    allowCritical: false,
    confidence: 0.9,
    expiresAt: null,
    hits: 0,
    support: null,
  }));
}

/** Features every finding carries, so lookups walk fingerprints of a realistic size (~30 keys). */
function background(r: Random): Record<string, Fingerprint[string]> {
  return {
    severityLabel: pick(r, ['LOW', 'MEDIUM', 'HIGH']),
    region: pick(r, ['us-east-1', 'eu-west-1', 'ap-southeast-2']),
    awsAccountId: String(100000000000 + int(r, 899999999999)),
    actionType: pick(r, ['AWS_API_CALL', 'NETWORK_CONNECTION', 'PORT_PROBE', 'DNS_REQUEST']),
    apiAction: pick(r, API_ACTIONS),
    apiService: pick(r, ['s3', 'ec2', 'iam', 'sts']),
    callerType: 'Remote IP',
    userAgentFamily: pick(r, UA_FAMILIES),
    userAgentMajor: 1 + int(r, 5),
    remoteIp: ipv4In(r, 11 + int(r, 180), int(r, 256), int(r, 256)),
    remoteScope: 'public',
    remoteAsn: pick(r, [...HOSTING_ASNS, ...ISP_ASNS]),
    remoteAsnOrg: 'Some Network',
    remoteCountry: pick(r, ['US', 'DE', 'FR', 'GB', 'NL', 'SG']),
    remoteHosting: false,
    remoteTor: false,
    threatCategories: [],
    principalKind: pick(r, ['iam-user', 'assumed-role', 'aws-service']),
    principalType: 'AssumedRole',
    principalName: `role-${hex(r, 6)}`,
    principalKey: `123456789012:role/role-${hex(r, 6)}`,
    resourceType: pick(r, ['AwsEc2Instance', 'AwsS3Bucket', 'AwsIamAccessKey']),
    resourceTypes: ['AwsEc2Instance'],
    resourceId: `i-${hex(r, 17)}`,
    resourceTagged: r() < 0.7,
    resourceTagKeys: ['Name', 'Team'],
    resourceEnvironment: pick(r, ['production', 'staging']),
    resourceRole: 'TARGET',
    localPort: Number(pick(r, PORTS)),
    localPorts: [pick(r, PORTS)],
    direction: 'INBOUND',
    protocol: 'TCP',
    blocked: false,
  };
}

/** A value that satisfies `p`, written into `fp`. */
function satisfy(r: Random, p: Predicate, fp: Record<string, Fingerprint[string]>): void {
  switch (p.op) {
    case 'equals':
      fp[p.feature] = p.feature === 'localPorts' ? [String(p.value)] : p.value;
      return;
    case 'in':
    case 'asn': {
      const value = p.op === 'in' ? pick(r, p.values) : pick(r, p.asns);
      fp[p.feature] = p.feature === 'localPorts' ? [String(value)] : value;
      return;
    }
    case 'prefix':
      fp[p.feature] = `${p.value}${hex(r, 6)}`;
      return;
    case 'range':
      fp[p.feature] = Math.floor((p.min ?? 0) + r() * ((p.max ?? (p.min ?? 0) + 100) - (p.min ?? 0)));
      return;
    case 'cidr': {
      const [address, bits] = p.blocks[0].split('/');
      fp[p.feature] = address.includes(':')
        ? `${address.replace(/::$/, '')}:${hex(r, 4)}::${hex(r, 3)}`
        : Number(bits) === 32
          ? address
          : address.replace(/\.0$/, `.${1 + int(r, 254)}`);
      return;
    }
    case 'tagPresent':
      fp.resourceTagKeys = [...(fp.resourceTagKeys as string[]), p.key].sort();
      return;
    case 'tagEquals':
      fp.resourceTags = [`${p.key}=${p.value}`];
      return;
    default:
      return;
  }
}

export interface BenchFinding {
  findingType: string;
  severityLabel: string;
  fingerprint: Fingerprint;
}

/** Half hits, half misses (near misses of a pattern, or unrelated findings), in a random order. */
export function generateFindings(
  patterns: readonly PatternRecord[],
  count: number,
  seed = 60,
): BenchFinding[] {
  const r = seeded(seed);
  return Array.from({ length: count }, () => {
    const fp = background(r);
    const kind = r();
    if (kind < 0.15) return { findingType: zipfType(r), severityLabel: 'LOW', fingerprint: fp };
    const pattern = patterns[int(r, patterns.length)];
    for (const p of pattern.predicates) satisfy(r, p, fp);
    if (kind < 0.5) {
      // A near miss: one of the pattern's values is off.
      const p = pick(r, pattern.predicates);
      if ('feature' in p) fp[p.feature] = typeof fp[p.feature] === 'number' ? -1 : `other-${hex(r, 4)}`;
      else fp.resourceTagKeys = [];
    }
    return { findingType: pattern.findingType, severityLabel: 'LOW', fingerprint: fp };
  });
}
