import type { Random } from '../random.js';
import type { ControlSpec, FindingSpec, GuardDutySpec } from './finding-spec.js';
import type { FindingLabel } from './labels.js';
import { AWS_EC2, GITHUB_RUNNERS, SCANNERS, TRAVEL_ISPS } from './networks.js';
import {
  awsCliUserAgent,
  boto3UserAgent,
  browserUserAgent,
  javaSdkUserAgent,
  terraformUserAgent,
} from './user-agents.js';
import { type TenantWorld, addressIn, roleSession } from './world.js';

/** A finding to be: what it says and what it truly is. */
export interface Draft {
  spec: FindingSpec;
  label: FindingLabel;
}

const PORT_NAMES: Record<number, string> = {
  22: 'SSH',
  80: 'HTTP',
  443: 'HTTPS',
  3389: 'RDP',
  5432: 'PostgreSQL',
  6379: 'Redis',
  9200: 'Elasticsearch',
};
export const portName = (port: number) => PORT_NAMES[port] ?? 'Unknown';

export function portProbeText(
  instanceId: string,
  port: number,
  remoteIp: string,
): Pick<GuardDutySpec, 'type' | 'title' | 'description'> {
  return {
    type: 'Recon:EC2/PortProbeUnprotectedPort',
    title: `Unprotected port on EC2 instance ${instanceId} is being probed.`,
    description:
      `EC2 instance ${instanceId} has an unprotected port ${port} which is being probed by a known malicious ` +
      `host ${remoteIp}.`,
  };
}

/** Shodan, Censys, Shadowserver knocking on a port the tenant really exposes. */
export function internetScanner(random: Random, world: TenantWorld): Draft {
  const target = random.pick([...world.webServers, world.bastion]);
  const port = random.pick(target.exposedPorts);
  const network = random.pick(SCANNERS);
  const action = {
    kind: 'port-probe' as const,
    port,
    portName: portName(port),
    remote: { ip: addressIn(random, random.pick(network.blocks)), network },
  };
  return {
    label: { category: 'benign', archetype: 'internet-scanner' },
    spec: {
      product: 'guardduty',
      ...portProbeText(target.id, port, action.remote.ip),
      severity: 2,
      resourceRole: 'TARGET',
      resource: { kind: 'instance', instance: target },
      action,
    },
  };
}

const CI_CALLS: readonly { api: string; service: string; type: string; severity: number }[] = [
  {
    api: 'CreateChangeSet',
    service: 'cloudformation',
    type: 'Persistence:IAMUser/AnomalousBehavior',
    severity: 5,
  },
  { api: 'CreateRole', service: 'iam', type: 'Persistence:IAMUser/AnomalousBehavior', severity: 5 },
  { api: 'AttachRolePolicy', service: 'iam', type: 'Persistence:IAMUser/AnomalousBehavior', severity: 5 },
  {
    api: 'DescribeStacks',
    service: 'cloudformation',
    type: 'Discovery:IAMUser/AnomalousBehavior',
    severity: 2,
  },
  { api: 'ListRoles', service: 'iam', type: 'Discovery:IAMUser/AnomalousBehavior', severity: 2 },
];

export function ciCall(random: Random) {
  return random.pick(CI_CALLS);
}

export function anomalousApiText(type: string, principal: string, api: string) {
  const tactic = type.split(':')[0];
  return {
    title: `${tactic} API ${api} was invoked using credentials of ${principal} in an unusual way.`,
    description:
      `APIs commonly used in ${tactic} tactics were invoked by ${principal} under unusual circumstances. ` +
      `Such activity is not typically seen from this principal.`,
  };
}

/** A GitHub Actions OIDC session of the deploy role running Terraform or the AWS CLI from a hosted runner. */
export function ciDeploy(random: Random, world: TenantWorld): Draft {
  const call = ciCall(random);
  const key = roleSession(random, world.ciRole, 'GitHubActions');
  const userAgent = random.chance(0.7)
    ? terraformUserAgent(random, call.service)
    : awsCliUserAgent(random, 'azure', `${call.service}.deploy`);
  return {
    label: { category: 'benign', archetype: 'ci-deploy' },
    spec: {
      product: 'guardduty',
      type: call.type,
      severity: call.severity,
      ...anomalousApiText(call.type, world.ciRole.name, call.api),
      resourceRole: 'TARGET',
      resource: { kind: 'access-key', key },
      action: {
        kind: 'api-call',
        api: call.api,
        serviceName: `${call.service}.amazonaws.com`,
        userAgent,
        remote: { ip: addressIn(random, random.pick(GITHUB_RUNNERS.blocks)), network: GITHUB_RUNNERS },
      },
    },
  };
}

/** The nightly backup / data-pipeline job: its instance role listing and reading the data buckets. */
export function backupPipeline(random: Random, world: TenantWorld): Draft {
  const { role, worker, buckets } = world.backup;
  const key = roleSession(random, role, worker.id);
  const remote = { ip: addressIn(random, random.pick(AWS_EC2.blocks)), network: AWS_EC2 };
  const userAgent = random.chance(0.5) ? boto3UserAgent(random) : javaSdkUserAgent();
  if (random.chance(0.7)) {
    const bucket = random.pick(buckets);
    const api = random.pick(['ListObjects', 'GetBucketLocation', 'ListObjectsV2']);
    return {
      label: { category: 'benign', archetype: 'backup-pipeline' },
      spec: {
        product: 'guardduty',
        type: 'Discovery:S3/AnomalousBehavior',
        severity: 2,
        title: `The S3 API ${api} was invoked on bucket ${bucket.name} in an unusual way.`,
        description: `An IAM entity invoked an S3 API used to discover S3 buckets in your environment in a way that is unusual for it.`,
        resourceRole: 'TARGET',
        resource: { kind: 's3', key, bucket },
        action: { kind: 'api-call', api, serviceName: 's3.amazonaws.com', userAgent, remote },
      },
    };
  }
  const api = random.pick(['GetTables', 'GetPartitions', 'StartJobRun']);
  return {
    label: { category: 'benign', archetype: 'backup-pipeline' },
    spec: {
      product: 'guardduty',
      type: 'Discovery:IAMUser/AnomalousBehavior',
      severity: 2,
      ...anomalousApiText('Discovery:IAMUser/AnomalousBehavior', role.name, api),
      resourceRole: 'TARGET',
      resource: { kind: 'access-key', key },
      action: { kind: 'api-call', api, serviceName: 'glue.amazonaws.com', userAgent, remote },
    },
  };
}

/** The tenant's own scanner sweeping its private network. */
export function vulnScanner(random: Random, world: TenantWorld): Draft {
  const scanner = world.vulnScanner;
  const port = random.pick([22, 80, 443, 3306, 5432, 8080]);
  return {
    label: { category: 'benign', archetype: 'vuln-scanner' },
    spec: {
      product: 'guardduty',
      type: 'Recon:EC2/Portscan',
      severity: 5,
      title: `EC2 instance ${scanner.id} is performing outbound port scans against remote hosts.`,
      description: `EC2 instance ${scanner.id} is performing outbound port scans against a remote host on port ${port}.`,
      resourceRole: 'ACTOR',
      resource: { kind: 'instance', instance: scanner },
      action: {
        kind: 'connection',
        direction: 'OUTBOUND',
        localPort: random.int(32768, 60999),
        remotePort: port,
        remote: { ip: `10.${random.int(1, 5)}.${random.int(1, 254)}.${random.int(2, 254)}`, network: null },
      },
    },
  };
}

const CONTROLS: readonly Pick<ControlSpec, 'controlId' | 'title' | 'description' | 'severityLabel'>[] = [
  {
    controlId: 'S3.8',
    title: 'S3 general purpose buckets should block public access',
    description:
      'This control checks whether an Amazon S3 general purpose bucket blocks public access at the bucket level.',
    severityLabel: 'HIGH',
  },
  {
    controlId: 'S3.2',
    title: 'S3 general purpose buckets should block public read access',
    description:
      'This control checks whether an Amazon S3 general purpose bucket permits public read access.',
    severityLabel: 'HIGH',
  },
];

/**
 * Security Hub S3 controls failing on buckets that are public on purpose (a website, public assets), tagged
 * as such. The tenant creates such buckets now and then, so the findings keep coming.
 */
export function securityHubControl(random: Random, world: TenantWorld): Draft {
  if (world.publicBuckets.length === 0 || random.chance(0.5)) {
    world.publicBuckets.push({
      name: `${world.slug}-${random.pick(['www', 'assets', 'downloads', 'docs', 'media'])}-${random.hex(6)}`,
      tags: { DataClassification: 'public', Purpose: 'static-website' },
      website: true,
    });
  }
  const control = random.pick(CONTROLS);
  return {
    label: { category: 'benign', archetype: 'securityhub-control' },
    spec: { product: 'securityhub-control', ...control, bucket: random.pick(world.publicBuckets) },
  };
}

export const MINING_POOLS = ['pool.supportxmr.com', 'xmr.pool.minergate.com', 'eu1.ethermine.org'];

export function miningDns(instanceId: string, domain: string) {
  return {
    type: 'CryptoCurrency:EC2/BitcoinTool.B!DNS',
    title: `EC2 instance ${instanceId} is querying a domain name that is associated with Bitcoin-related activity.`,
    description: `EC2 instance ${instanceId} is querying ${domain}, a domain associated with cryptocurrency-related activity.`,
  };
}

/** The research team's sanctioned chain node, tagged as such, talking to mining pools. */
export function blockchainNode(random: Random, world: TenantWorld): Draft {
  const domain = random.pick(MINING_POOLS);
  return {
    label: { category: 'benign', archetype: 'blockchain-node' },
    spec: {
      product: 'guardduty',
      ...miningDns(world.blockchainNode.id, domain),
      severity: 8,
      resourceRole: 'ACTOR',
      resource: { kind: 'instance', instance: world.blockchainNode },
      action: { kind: 'dns', domain },
    },
  };
}

/** The tenant's admin working with the CLI from the office range. */
export function officeApi(random: Random, world: TenantWorld): Draft {
  const admin = world.admin!;
  const office = world.office!;
  const call = random.pick([
    { api: 'DescribeInstances', service: 'ec2' },
    { api: 'ListUsers', service: 'iam' },
    { api: 'ListBuckets', service: 's3' },
    { api: 'LookupEvents', service: 'cloudtrail' },
  ]);
  const type = 'Discovery:IAMUser/AnomalousBehavior';
  return {
    label: { category: 'tenant-benign', behaviour: 'office-api' },
    spec: {
      product: 'guardduty',
      type,
      severity: 2,
      ...anomalousApiText(type, admin.userName, call.api),
      resourceRole: 'TARGET',
      resource: {
        kind: 'access-key',
        key: {
          accessKeyId: admin.accessKeyId,
          principalId: admin.principalId,
          userName: admin.userName,
          userType: 'IAMUser',
        },
      },
      action: {
        kind: 'api-call',
        api: call.api,
        serviceName: `${call.service}.amazonaws.com`,
        userAgent: awsCliUserAgent(random, 'desktop', `${call.service}.${call.api.toLowerCase()}`),
        remote: { ip: addressIn(random, office.block), network: office.network },
      },
    },
  };
}

function consoleLogin(random: Random, world: TenantWorld, ip: string, network: (typeof TRAVEL_ISPS)[number]) {
  const admin = world.admin!;
  const type = 'InitialAccess:IAMUser/AnomalousBehavior';
  return {
    product: 'guardduty' as const,
    type,
    severity: 5,
    ...anomalousApiText(type, admin.userName, 'ConsoleLogin'),
    resourceRole: 'TARGET' as const,
    resource: {
      kind: 'access-key' as const,
      key: {
        accessKeyId: admin.accessKeyId,
        principalId: admin.principalId,
        userName: admin.userName,
        userType: 'IAMUser' as const,
      },
    },
    action: {
      kind: 'api-call' as const,
      api: 'ConsoleLogin',
      serviceName: 'signin.amazonaws.com',
      userAgent: browserUserAgent(random),
      remote: { ip, network },
    },
  };
}

/** The admin signing in to the console from home or the office, in the tenant's country. */
export function adminConsole(random: Random, world: TenantWorld): Draft {
  const office = world.office!;
  return {
    label: { category: 'tenant-benign', behaviour: 'admin-console' },
    spec: consoleLogin(random, world, addressIn(random, office.block), office.network),
  };
}

/**
 * The admin, travelling, signs in from a country never seen: benign, and no pattern could know. Each country
 * once per admin (a second visit would no longer be new); null when the admin has been everywhere.
 */
export function newCountryLogin(random: Random, world: TenantWorld): Draft | null {
  const unseen = TRAVEL_ISPS.filter((n) => !world.travelledTo.includes(n.countryCode));
  if (!world.admin || unseen.length === 0) return null;
  const network = random.pick(unseen);
  world.travelledTo.push(network.countryCode);
  return {
    label: { category: 'unknowable-benign' },
    spec: consoleLogin(random, world, addressIn(random, random.pick(network.blocks)), network),
  };
}
