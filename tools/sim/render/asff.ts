import type { ControlSpec, GuardDutySpec, SimFinding } from '../scenario/finding-spec.js';
import { guardDutyResource, guardDutyService } from './guardduty-detail.js';

const GUARDDUTY_FIELDS = 'aws/guardduty/service/';

/**
 * ASFF namespace/category of the GuardDuty types the simulator emits, as the GuardDuty → Security Hub
 * integration names them (GuardDuty User Guide, "Interpreting GuardDuty finding names in Security Hub").
 */
const ASFF_CATEGORY: Record<string, string> = {
  'Recon:': 'TTPs/Discovery',
  'Discovery:IAMUser/': 'TTPs/Discovery',
  'Discovery:S3/': 'TTPs',
  'Persistence:': 'TTPs/Persistence',
  'InitialAccess:': 'TTPs/Initial Access',
  'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration': 'Effects/Data Exfiltration',
  'UnauthorizedAccess:EC2/SSHBruteForce': 'TTPs/Initial Access',
  'CryptoCurrency:': 'TTPs/Command and Control',
  'Execution:': 'TTPs/Execution',
};

/** `Recon:EC2/PortProbeUnprotectedPort` → `TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort`. */
export function asffType(guardDutyType: string): string {
  const prefix = Object.keys(ASFF_CATEGORY)
    .filter((p) => guardDutyType.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  if (!prefix) throw new Error(`no ASFF category known for ${guardDutyType}`);
  return `${ASFF_CATEGORY[prefix]}/${guardDutyType.replace('/', '-')}`;
}

/** GuardDuty severity 1–10 as ASFF Severity (GuardDuty's own bands: <4 LOW, <7 MEDIUM, <9 HIGH). */
function severity(value: number) {
  const label = value >= 9 ? 'CRITICAL' : value >= 7 ? 'HIGH' : value >= 4 ? 'MEDIUM' : 'LOW';
  return { Product: value, Label: label, Normalized: Math.round(value * 10), Original: String(value) };
}

/** GuardDuty's `service` flattened into ProductFields ("aws/guardduty/service/action/…"); arrays are left to Action. */
function flatten(value: unknown, path: string, into: Record<string, string>): void {
  if (Array.isArray(value)) return;
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, path ? `${path}/${key}` : key, into);
    return;
  }
  if (value !== undefined) into[`${GUARDDUTY_FIELDS}${path}`] = String(value);
}

/** camelCase keys → PascalCase, recursively; ASN numbers become numbers as in ASFF's structured Action. */
function pascal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascal);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      const name = key.charAt(0).toUpperCase() + key.slice(1);
      if (name === 'Asn') return [name, Number(inner)];
      if (name === 'CallerType') return [name, 'remoteIp'];
      // ASFF's AwsApiCallAction has no user agent: it stays in ProductFields only.
      if (name === 'UserAgent') return [name, undefined];
      return [name, pascal(inner)];
    }),
  );
}

function tagMap(tags: unknown): Record<string, string> {
  return Object.fromEntries(
    (Array.isArray(tags) ? (tags as { key: string; value: string }[]) : []).map((t) => [t.key, t.value]),
  );
}

/** The ASFF Resources the integration writes for GuardDuty's `resource` (as the native normaliser reads it). */
function resources(spec: GuardDutySpec, f: SimFinding): Record<string, unknown>[] {
  const native = guardDutyResource(spec, f);
  const base = { Partition: 'aws', Region: f.region };
  const out: Record<string, unknown>[] = [];
  const instance = native.instanceDetails as Record<string, unknown> | undefined;
  if (instance) {
    const nic = (instance.networkInterfaces as Record<string, string>[])[0];
    out.push({
      Type: 'AwsEc2Instance',
      Id: `arn:aws:ec2:${f.region}:${f.accountId}:instance/${String(instance.instanceId)}`,
      ...base,
      Tags: tagMap(instance.tags),
      Details: {
        AwsEc2Instance: {
          Type: instance.instanceType,
          ImageId: instance.imageId,
          IpV4Addresses: [nic.privateIpAddress, nic.publicIp].filter(Boolean),
          VpcId: nic.vpcId,
          SubnetId: nic.subnetId,
          LaunchedAt: instance.launchTime,
        },
      },
    });
  }
  const key = native.accessKeyDetails as Record<string, string> | undefined;
  if (key) {
    out.push({
      Type: 'AwsIamAccessKey',
      Id: `AWS::IAM::AccessKey:${key.accessKeyId}`,
      ...base,
      Details: {
        AwsIamAccessKey: {
          PrincipalId: key.principalId,
          PrincipalType: key.userType,
          PrincipalName: key.userName,
        },
      },
    });
  }
  for (const bucket of (native.s3BucketDetails as Record<string, unknown>[] | undefined) ?? []) {
    out.push({ Type: 'AwsS3Bucket', Id: bucket.arn, ...base, Tags: tagMap(bucket.tags) });
  }
  return out;
}

function common(f: SimFinding, version: number) {
  const updatedAt = f.versions[version].updatedAt.toISOString();
  return {
    SchemaVersion: '2018-10-08',
    Id: f.id,
    Region: f.region,
    AwsAccountId: f.accountId,
    FirstObservedAt: f.createdAt.toISOString(),
    LastObservedAt: updatedAt,
    CreatedAt: f.createdAt.toISOString(),
    UpdatedAt: updatedAt,
    WorkflowState: 'NEW',
    Workflow: { Status: 'NEW' },
    RecordState: 'ACTIVE',
  };
}

/** A GuardDuty finding as Security Hub holds it. */
export function guardDutyAsff(f: SimFinding, version: number): Record<string, unknown> {
  const spec = f.spec as GuardDutySpec;
  const productArn = `arn:aws:securityhub:${f.region}::product/aws/guardduty`;
  const service = guardDutyService(spec, f, version);
  const productFields: Record<string, string> = {};
  flatten(service, '', productFields);
  productFields['aws/securityhub/FindingId'] = `${productArn}/${f.id}`;
  productFields['aws/securityhub/ProductName'] = 'GuardDuty';
  productFields['aws/securityhub/CompanyName'] = 'Amazon';
  const type = asffType(spec.type);
  return {
    ...common(f, version),
    ProductArn: productArn,
    ProductName: 'GuardDuty',
    CompanyName: 'Amazon',
    GeneratorId: f.id.slice(0, f.id.indexOf('/finding/')),
    Types: [type],
    Severity: severity(spec.severity),
    Title: spec.title,
    Description: spec.description,
    ProductFields: productFields,
    Resources: resources(spec, f),
    FindingProviderFields: { Severity: { Label: severity(spec.severity).Label }, Types: [type] },
    ...(service.action ? { Action: pascal(service.action) } : {}),
  };
}

/** A consolidated Security Hub control finding, FAILED on a bucket. */
export function controlAsff(f: SimFinding, version: number): Record<string, unknown> {
  const spec = f.spec as ControlSpec;
  const productArn = `arn:aws:securityhub:${f.region}::product/aws/securityhub`;
  return {
    ...common(f, version),
    ProductArn: productArn,
    ProductName: 'Security Hub',
    CompanyName: 'AWS',
    GeneratorId: `security-control/${spec.controlId}`,
    Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
    Severity: { Label: spec.severityLabel, Original: spec.severityLabel },
    Title: spec.title,
    Description: spec.description,
    ProductFields: {
      'aws/securityhub/ProductName': 'Security Hub',
      'aws/securityhub/CompanyName': 'AWS',
      'aws/securityhub/FindingId': `${productArn}/${f.id}`,
    },
    Resources: [
      {
        Type: 'AwsS3Bucket',
        Id: `arn:aws:s3:::${spec.bucket.name}`,
        Partition: 'aws',
        Region: f.region,
        Tags: { ...spec.bucket.tags },
        ...(spec.bucket.website
          ? {
              Details: { AwsS3Bucket: { BucketWebsiteConfiguration: { IndexDocumentSuffix: 'index.html' } } },
            }
          : {}),
      },
    ],
    Compliance: {
      Status: 'FAILED',
      SecurityControlId: spec.controlId,
      AssociatedStandards: [{ StandardsId: 'standards/aws-foundational-security-best-practices/v/1.0.0' }],
    },
  };
}

export function asffOf(f: SimFinding, version: number): Record<string, unknown> {
  return f.spec.product === 'securityhub-control' ? controlAsff(f, version) : guardDutyAsff(f, version);
}
