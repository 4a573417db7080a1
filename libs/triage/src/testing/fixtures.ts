import { normalizeAsff } from '@sieve/findings';
import { type TriageFinding, triageFindingFromNormalized } from '../triage-finding.js';

/**
 * Realistic findings for triage tests, built as Security Hub holds GuardDuty findings (ASFF with GuardDuty's
 * flattened ProductFields and the AwsIamAccessKey resource) and normalised by the real normaliser, so that a
 * change of the normaliser's output shows up here. IPs are documentation ranges (RFC 5737 / 3849); the ASN
 * and country data GuardDuty attaches are those of the real networks named.
 */
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const TENANT_ID = '5f0c1d7e-2b8a-4c3e-9d1f-6a7b8c9d0e1f';
const DETECTOR = `arn:aws:guardduty:${REGION}:${ACCOUNT}:detector/4cc3a5e1b8a2d9f70c6e1b2a3d4f5e6a`;
const GUARDDUTY = `arn:aws:securityhub:${REGION}::product/aws/guardduty`;
const API = 'aws/guardduty/service/action/awsApiCallAction';

export interface RemoteSpec {
  ip: string;
  asn?: number;
  asnOrg?: string;
  countryCode?: string;
  countryName?: string;
}

export interface ApiCallSpec {
  id: string;
  guardDutyType: string;
  asffType: string;
  api: string;
  service: string;
  callerType?: string;
  userAgent?: string;
  remote?: RemoteSpec;
  principal: { type: string; name?: string; principalId?: string; accessKeyId: string };
  severity?: number;
}

function severityLabel(normalized: number): string {
  if (normalized >= 90) return 'CRITICAL';
  if (normalized >= 70) return 'HIGH';
  if (normalized >= 40) return 'MEDIUM';
  return normalized >= 1 ? 'LOW' : 'INFORMATIONAL';
}

function iso(offsetMinutes: number): string {
  return new Date(Date.UTC(2026, 10, 29, 6, offsetMinutes)).toISOString();
}

/** A GuardDuty AWS_API_CALL finding in ASFF. */
export function apiCallAsff(spec: ApiCallSpec): Record<string, unknown> {
  const remote = spec.remote;
  const productFields: Record<string, string> = {
    'aws/guardduty/service/resourceRole': 'TARGET',
    'aws/guardduty/service/serviceName': 'guardduty',
    'aws/guardduty/service/action/actionType': 'AWS_API_CALL',
    [`${API}/api`]: spec.api,
    [`${API}/serviceName`]: spec.service,
    [`${API}/callerType`]: spec.callerType ?? 'Remote IP',
  };
  if (spec.userAgent !== undefined) productFields[`${API}/userAgent`] = spec.userAgent;
  if (remote) {
    productFields[`${API}/remoteIpDetails/ipAddressV4`] = remote.ip;
    if (remote.asn !== undefined)
      productFields[`${API}/remoteIpDetails/organization/asn`] = String(remote.asn);
    if (remote.asnOrg) productFields[`${API}/remoteIpDetails/organization/asnOrg`] = remote.asnOrg;
    if (remote.countryName) productFields[`${API}/remoteIpDetails/country/countryName`] = remote.countryName;
    if (remote.countryCode) productFields[`${API}/remoteIpDetails/country/countryCode`] = remote.countryCode;
  }
  return {
    SchemaVersion: '2018-10-08',
    Id: `${DETECTOR}/finding/${spec.id}`,
    ProductArn: GUARDDUTY,
    ProductName: 'GuardDuty',
    CompanyName: 'Amazon',
    Region: REGION,
    GeneratorId: DETECTOR,
    AwsAccountId: ACCOUNT,
    Types: [spec.asffType],
    FirstObservedAt: iso(0),
    LastObservedAt: iso(60),
    CreatedAt: iso(5),
    UpdatedAt: iso(65),
    Severity: { Label: severityLabel(spec.severity ?? 50), Normalized: spec.severity ?? 50 },
    Title: spec.guardDutyType,
    Description: `${spec.guardDutyType} observed.`,
    ProductFields: { ...productFields, 'aws/guardduty/service/type': spec.guardDutyType },
    Resources: [
      {
        Type: 'AwsIamAccessKey',
        Id: `AWS::IAM::AccessKey:${spec.principal.accessKeyId}`,
        Partition: 'aws',
        Region: REGION,
        Details: {
          AwsIamAccessKey: {
            PrincipalType: spec.principal.type,
            PrincipalName: spec.principal.name,
            PrincipalId: spec.principal.principalId,
          },
        },
      },
    ],
    Workflow: { Status: 'NEW' },
    RecordState: 'ACTIVE',
  };
}

export function triageOf(asff: Record<string, unknown>, id = 'f-1'): TriageFinding {
  const result = normalizeAsff(asff);
  if (!result.ok) throw new Error(`fixture does not normalise: ${result.errors.join('; ')}`);
  return triageFindingFromNormalized(result.finding, id);
}

/** Instance-role credentials used with the aws-cli from DigitalOcean (InstanceCredentialExfiltration). */
export const exfiltrationAsff = apiCallAsff({
  id: 'e2c4a6b8d0f1e3a5c7b9d1f3a5c7e9b1',
  guardDutyType: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
  asffType: 'Effects/Data Exfiltration/UnauthorizedAccess:IAMUser-InstanceCredentialExfiltration.OutsideAWS',
  api: 'ListBuckets',
  service: 's3.amazonaws.com',
  userAgent:
    '[aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1017-aws exe/x86_64.ubuntu.22 prompt/off command/s3.ls]',
  remote: {
    ip: '203.0.113.77',
    asn: 14061,
    asnOrg: 'DIGITALOCEAN-ASN',
    countryCode: 'NL',
    countryName: 'Netherlands',
  },
  principal: {
    type: 'AssumedRole',
    name: 'web-app-role',
    principalId: 'AROAQ3EGWZJ5VNX2K7LTA:i-0a1b2c3d4e5f60718',
    accessKeyId: 'ASIAQ3EGWZJ5T7XKM2PB',
  },
  severity: 80,
});

/** A GitHub Actions deploy job (OIDC role, default session name) running Terraform from an Azure runner. */
export const githubActionsAsff = apiCallAsff({
  id: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  guardDutyType: 'Discovery:IAMUser/AnomalousBehavior',
  asffType: 'TTPs/Discovery/Discovery:IAMUser-AnomalousBehavior',
  api: 'DescribeInstances',
  service: 'ec2.amazonaws.com',
  userAgent:
    'APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.82.2 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.7 ua/2.1 os/linux lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.198.1',
  remote: {
    ip: '192.0.2.44',
    asn: 8075,
    asnOrg: 'MICROSOFT-CORP-MSN-AS-BLOCK',
    countryCode: 'US',
    countryName: 'United States',
  },
  principal: {
    type: 'AssumedRole',
    name: 'github-deploy',
    principalId: 'AROAQ3EGWZJ5W4PLM9XYZ:GitHubActions',
    accessKeyId: 'ASIAQ3EGWZJ5QRSTUV12',
  },
});

/** Root user console sign-in from a residential network GuardDuty gave no ASN for. */
export const rootConsoleAsff = apiCallAsff({
  id: 'c0ffee00c0ffee00c0ffee00c0ffee00',
  guardDutyType: 'Policy:IAMUser/RootCredentialUsage',
  asffType: 'TTPs/Policy:IAMUser-RootCredentialUsage',
  api: 'ConsoleLogin',
  service: 'signin.amazonaws.com',
  userAgent:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  remote: { ip: '198.51.100.9' },
  principal: { type: 'Root', principalId: ACCOUNT, accessKeyId: 'ASIAQ3EGWZJ5ROOT0001' },
  severity: 20,
});

/** An IAM user (alice) with boto3 from a Tor exit (GuardDuty's TorIPCaller). */
export const torUserAsff = apiCallAsff({
  id: 'b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0',
  guardDutyType: 'UnauthorizedAccess:IAMUser/TorIPCaller',
  asffType: 'TTPs/Initial Access/UnauthorizedAccess:IAMUser-TorIPCaller',
  api: 'GetSecretValue',
  service: 'secretsmanager.amazonaws.com',
  userAgent:
    'Boto3/1.35.76 md/Botocore#1.35.76 ua/2.0 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.3 cfg/retry-mode#legacy Botocore/1.35.76',
  remote: {
    ip: '192.0.2.200',
    asn: 60729,
    asnOrg: 'Stiftung Erneuerbare Freiheit',
    countryCode: 'DE',
    countryName: 'Germany',
  },
  principal: {
    type: 'IAMUser',
    name: 'alice@example.com',
    principalId: 'AIDAQ3EGWZJ5ALICE0001',
    accessKeyId: 'AKIAQ3EGWZJ5ALICE001',
  },
});

/** Recon:EC2/PortProbeUnprotectedPort against a tagged production instance with a public IP. */
export const portProbeAsff: Record<string, unknown> = {
  SchemaVersion: '2018-10-08',
  Id: `${DETECTOR}/finding/7ac5f0e2d1b4c3a29e8f7d6c5b4a3928`,
  ProductArn: GUARDDUTY,
  ProductName: 'GuardDuty',
  CompanyName: 'Amazon',
  Region: REGION,
  GeneratorId: DETECTOR,
  AwsAccountId: ACCOUNT,
  Types: ['TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort'],
  CreatedAt: '2026-11-22T04:05:12.347Z',
  UpdatedAt: '2026-11-30T09:05:40.118Z',
  Severity: { Label: 'LOW', Normalized: 40, Original: '2' },
  Title: 'Unprotected port on EC2 instance i-0a1b2c3d4e5f60718 is being probed.',
  Description: 'EC2 instance has an unprotected port which is being probed by a known malicious host.',
  ProductFields: {
    'aws/guardduty/service/resourceRole': 'TARGET',
    'aws/guardduty/service/action/actionType': 'PORT_PROBE',
  },
  Resources: [
    {
      Type: 'AwsEc2Instance',
      Id: `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0a1b2c3d4e5f60718`,
      Partition: 'aws',
      Region: REGION,
      Tags: {
        Name: 'web-1',
        Environment: 'production',
        Owner: 'payments-team@example.com',
        'aws:cloudformation:stack-name': 'payments-web',
      },
      Details: {
        AwsEc2Instance: {
          Type: 't3.medium',
          IpV4Addresses: ['10.0.1.15', '54.210.33.17'],
          IamInstanceProfileArn: `arn:aws:iam::${ACCOUNT}:instance-profile/web-app-role`,
        },
      },
    },
  ],
  Workflow: { Status: 'NEW' },
  RecordState: 'ACTIVE',
  Action: {
    ActionType: 'PORT_PROBE',
    PortProbeAction: {
      Blocked: false,
      PortProbeDetails: [
        {
          LocalPortDetails: { Port: 22, PortName: 'SSH' },
          RemoteIpDetails: {
            IpAddressV4: '198.51.100.23',
            Organization: { Asn: 398324, AsnOrg: 'CENSYS-ARIN-01' },
            Country: { CountryCode: 'US', CountryName: 'United States' },
          },
        },
        {
          LocalPortDetails: { Port: 3389, PortName: 'RDP' },
          RemoteIpDetails: { IpAddressV4: '198.51.100.23' },
        },
      ],
    },
  },
};

/** A Security Hub control (S3.8) on an untagged bucket: no actor at all. */
export const s3ControlAsff: Record<string, unknown> = {
  SchemaVersion: '2018-10-08',
  Id: `arn:aws:securityhub:${REGION}:${ACCOUNT}:security-control/S3.8/finding/0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a`,
  ProductArn: `arn:aws:securityhub:${REGION}::product/aws/securityhub`,
  GeneratorId: 'security-control/S3.8',
  AwsAccountId: ACCOUNT,
  Region: REGION,
  Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
  CreatedAt: '2026-11-20T10:00:00.000Z',
  UpdatedAt: '2026-11-29T10:00:00.000Z',
  Severity: { Label: 'HIGH', Normalized: 70 },
  Title: 'S3 general purpose buckets should block public access',
  Description: 'This control checks whether an S3 bucket has bucket-level Block Public Access settings.',
  ProductFields: { ControlId: 'S3.8' },
  Compliance: { Status: 'FAILED', SecurityControlId: 'S3.8' },
  Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::acme-exports', Partition: 'aws', Region: REGION }],
  Workflow: { Status: 'NEW' },
  RecordState: 'ACTIVE',
};
