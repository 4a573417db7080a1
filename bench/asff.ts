/** Instances per tenant the probes hit: findings on one instance group into one case. */
export const BENCH_INSTANCES = 250;

/** The port of finding `n`: 9 in 10 probe the web ports (covered by the tenant's pattern), 1 in 10 SSH. */
export function probedPort(n: number): number {
  return n % 10 === 9 ? 22 : n % 2 === 0 ? 443 : 80;
}

const PORT_NAMES: Record<number, string> = { 22: 'SSH', 80: 'HTTP', 443: 'HTTPS' };

/**
 * GuardDuty port-probe findings in ASFF, with the ProductFields GuardDuty really sends, ~3.4 KB of JSON each
 * (the size of PLATFORM.md's raw baseline rows). `tag` keeps ids of different phases apart. Finding `n`
 * probes `probedPort(n)` of one of BENCH_INSTANCES instances.
 */
export function benchFinding(
  accountId: string,
  tag: string,
  n: number,
  severity: { Label: string; Normalized: number } = { Label: 'LOW', Normalized: 20 },
): Record<string, unknown> {
  const now = new Date().toISOString();
  const ip = `203.0.${(n >> 8) & 255}.${n & 255}`;
  const detector = `arn:aws:guardduty:us-east-1:${accountId}:detector/d1`;
  const instance = `i-${(0x1000000 + (n % BENCH_INSTANCES)).toString(16)}`;
  const port = probedPort(n);
  const productFields: Record<string, string> = {
    'aws/guardduty/service/action/actionType': 'PORT_PROBE',
    'aws/guardduty/service/action/portProbeAction/blocked': 'false',
    'aws/guardduty/service/action/portProbeAction/portProbeDetails.0_/localPortDetails/port': String(port),
    'aws/guardduty/service/action/portProbeAction/portProbeDetails.0_/localPortDetails/portName':
      PORT_NAMES[port],
    'aws/guardduty/service/action/portProbeAction/portProbeDetails.0_/remoteIpDetails/ipAddressV4': ip,
    'aws/guardduty/service/action/portProbeAction/portProbeDetails.0_/remoteIpDetails/organization/asn':
      '64500',
    'aws/guardduty/service/action/portProbeAction/portProbeDetails.0_/remoteIpDetails/organization/asnOrg':
      'EXAMPLE-NET',
    'aws/guardduty/service/action/portProbeAction/portProbeDetails.0_/remoteIpDetails/organization/isp':
      'Example Networks',
    'aws/guardduty/service/action/portProbeAction/portProbeDetails.0_/remoteIpDetails/country/countryName':
      'Netherlands',
    'aws/guardduty/service/archived': 'false',
    'aws/guardduty/service/count': '3',
    'aws/guardduty/service/detectorId': 'd1',
    'aws/guardduty/service/eventFirstSeen': now,
    'aws/guardduty/service/eventLastSeen': now,
    'aws/guardduty/service/resourceRole': 'TARGET',
    'aws/guardduty/service/serviceName': 'guardduty',
    'aws/guardduty/service/additionalInfo/threatListName': 'ProofPoint',
    'aws/securityhub/FindingId': `arn:aws:securityhub:us-east-1::product/aws/guardduty/${detector}/finding/${tag}-${n}`,
    'aws/securityhub/ProductName': 'GuardDuty',
    'aws/securityhub/CompanyName': 'Amazon',
  };
  return {
    SchemaVersion: '2018-10-08',
    Id: `${detector}/finding/${tag}-${n}`,
    ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty',
    ProductName: 'GuardDuty',
    CompanyName: 'Amazon',
    Region: 'us-east-1',
    GeneratorId: detector,
    AwsAccountId: accountId,
    Types: ['TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort'],
    FirstObservedAt: now,
    LastObservedAt: now,
    CreatedAt: now,
    UpdatedAt: now,
    Severity: { Product: severity.Normalized / 10, Label: severity.Label, Normalized: severity.Normalized },
    Title: `Unprotected port on EC2 instance ${instance} is being probed.`,
    Description:
      `EC2 instance ${instance} has an unprotected port which is being probed by a known malicious host. ` +
      `Port ${port} is open to the internet and the remote host has been seen scanning other networks.`,
    SourceUrl: `https://console.aws.amazon.com/guardduty/home?region=us-east-1#/findings?search=id%3D${tag}-${n}`,
    ProductFields: productFields,
    Resources: [
      {
        Type: 'AwsEc2Instance',
        Id: `arn:aws:ec2:us-east-1:${accountId}:instance/${instance}`,
        Partition: 'aws',
        Region: 'us-east-1',
        Tags: { Name: `web-${n % 50}`, Environment: 'production', Team: 'platform' },
        Details: {
          AwsEc2Instance: {
            Type: 't3.medium',
            ImageId: 'ami-0abcdef1234567890',
            IpV4Addresses: ['10.0.1.12', '54.240.197.233'],
            KeyName: 'prod-key',
            VpcId: 'vpc-0a1b2c3d',
            SubnetId: 'subnet-0a1b2c3d',
            LaunchedAt: '2026-11-01T10:00:00.000Z',
          },
        },
      },
    ],
    WorkflowState: 'NEW',
    Workflow: { Status: 'NEW' },
    RecordState: 'ACTIVE',
    Network: {
      Direction: 'IN',
      Protocol: 'TCP',
      SourceIpV4: ip,
      SourcePort: 40000 + (n % 20000),
      DestinationIpV4: '10.0.1.12',
      DestinationPort: port,
    },
  };
}

/** The EventBridge event Security Hub emits for imported findings (test/fixtures/asff.ts). */
export function securityHubEvent(accountId: string, findings: unknown[]): Record<string, unknown> {
  return {
    version: '0',
    id: `evt-${Math.random().toString(36).slice(2)}`,
    'detail-type': 'Security Hub Findings - Imported',
    source: 'aws.securityhub',
    account: accountId,
    time: new Date().toISOString(),
    region: 'us-east-1',
    resources: [],
    detail: { findings },
  };
}
