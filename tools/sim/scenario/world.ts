import type { Random } from '../random.js';
import type { AccessKey, Bucket, Instance } from './finding-spec.js';
import { OFFICE_ISPS, type Network } from './networks.js';

/** What one tenant's AWS estate and people look like to the generator. */
export interface TenantWorld {
  /** `t1`…, or `late` for the tenant that joins in the measurement phase. */
  label: string;
  /** Lowercase slug (the tenant's case-number prefix). */
  slug: string;
  late: boolean;
  accountId: string;
  region: string;
  detectorId: string;
  /** How its GuardDuty findings reach Sieve; Security Hub control findings always come as ASFF. */
  guardDutyVia: 'guardduty' | 'asff';
  webServers: Instance[];
  bastion: Instance;
  vulnScanner: Instance;
  blockchainNode: Instance;
  /** The instance role of the web servers (credential exfiltration steals its session). */
  webAppRole: { name: string; roleId: string };
  ciRole: { name: string; roleId: string };
  backup: { role: { name: string; roleId: string }; worker: Instance; buckets: Bucket[] };
  /** Public buckets, tagged as such (Security Hub S3 controls fail on them, knowingly). */
  publicBuckets: Bucket[];
  /** Tenant-specific behaviour: null for the late tenant, which has none. */
  office: { network: Network; block: string } | null;
  admin: { userName: string; accessKeyId: string; principalId: string } | null;
  /** Countries the admin has signed in from while travelling. */
  travelledTo: string[];
}

const CI_ROLE_NAMES = ['github-actions-deploy', 'gha-terraform', 'ci-deployer', 'deploy-from-github'];
const BACKUP_ROLE_NAMES = ['backup-pipeline', 'data-pipeline-etl', 'nightly-backup', 'glue-export'];
const ADMIN_NAMES = ['alice.martin', 'bob.schulz', 'chloe.dubois', 'dan.wright', 'eva.jansen', 'femi.ade'];
const SLUG_WORDS = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'vandelay', 'wonka', 'stark'];

export const MAX_TENANTS = OFFICE_ISPS.length * 3;

/**
 * Public appliance images, the same id in every subscribing account of the region: the vulnerability
 * scanner's and the chain node's. Everything else runs the tenant's own image build.
 */
export const SCANNER_IMAGE = 'ami-0a7f3c9e51d2b6840';
export const CHAIN_NODE_IMAGE = 'ami-0e41b8d27c90f5a13';

function instance(
  random: Random,
  subnet: number,
  exposedPorts: readonly number[],
  tags: Record<string, string>,
  imageId: string,
  profileRole?: string,
): Instance {
  return {
    id: `i-0${random.hex(16)}`,
    imageId,
    privateIp: `10.${subnet}.${random.int(1, 254)}.${random.int(4, 250)}`,
    publicIp: exposedPorts.length > 0 ? `54.210.${random.int(34, 250)}.${random.int(1, 254)}` : undefined,
    exposedPorts,
    tags,
    profileRole,
  };
}

const roleId = (random: Random) => `AROA${random.upperAlnum(17)}`;

/** A tenant of index `index` (0-based among learning tenants), or the late tenant. */
export function tenantWorld(random: Random, index: number, late: boolean): TenantWorld {
  const label = late ? 'late' : `t${index + 1}`;
  const slug = `${late ? 'newco' : SLUG_WORDS[index % SLUG_WORDS.length]}-${random.hex(4)}`;
  const webAppRole = { name: 'web-app-role', roleId: roleId(random) };
  const ownImage = `ami-0${random.hex(16)}`;
  const webServers = Array.from({ length: random.int(3, 5) }, (_, n) =>
    instance(
      random,
      1,
      n === 0 ? [22, 80, 443] : [80, 443],
      { Name: `web-${n + 1}`, Environment: 'production', Team: 'platform' },
      ownImage,
      webAppRole.name,
    ),
  );
  const bastion = instance(
    random,
    2,
    [22],
    { Name: 'bastion', Environment: 'production', Team: 'ops' },
    ownImage,
  );
  const vulnScanner = instance(
    random,
    3,
    [],
    { Name: 'vuln-scanner', Team: 'security', Purpose: 'vulnerability-scanning' },
    SCANNER_IMAGE,
  );
  const blockchainNode = instance(
    random,
    4,
    [],
    { Name: 'chain-node-1', Team: 'research', Purpose: 'blockchain-node' },
    CHAIN_NODE_IMAGE,
  );
  const backupRole = { name: BACKUP_ROLE_NAMES[index % BACKUP_ROLE_NAMES.length], roleId: roleId(random) };
  const worker = instance(random, 5, [], { Name: 'backup-worker', Team: 'data' }, ownImage, backupRole.name);
  const isp = OFFICE_ISPS[index % OFFICE_ISPS.length];
  const adminName = ADMIN_NAMES[index % ADMIN_NAMES.length];
  return {
    label,
    slug,
    late,
    accountId: `7${late ? '9' : String(index % 9)}${String(random.int(0, 9_999_999_999)).padStart(10, '0')}`,
    region: 'us-east-1',
    detectorId: random.hex(32),
    guardDutyVia: index % 2 === 0 ? 'guardduty' : 'asff',
    webServers,
    bastion,
    vulnScanner,
    blockchainNode,
    webAppRole,
    ciRole: { name: CI_ROLE_NAMES[index % CI_ROLE_NAMES.length], roleId: roleId(random) },
    backup: {
      role: backupRole,
      worker,
      buckets: ['backups', 'datalake', 'exports'].map((b) => ({
        name: `${slug}-${b}`,
        tags: { Team: 'data', Environment: 'production' },
      })),
    },
    publicBuckets: [],
    office: late
      ? null
      : { network: isp, block: isp.blocks[Math.floor(index / OFFICE_ISPS.length) % isp.blocks.length] },
    admin: late
      ? null
      : {
          userName: adminName,
          accessKeyId: `AKIA${random.upperAlnum(16)}`,
          principalId: `AIDA${random.upperAlnum(17)}`,
        },
    travelledTo: [],
  };
}

/** A temporary access key of a role session (a new one per session, as STS issues them). */
export function roleSession(
  random: Random,
  role: { name: string; roleId: string },
  session: string,
): AccessKey {
  return {
    accessKeyId: `ASIA${random.upperAlnum(16)}`,
    principalId: `${role.roleId}:${session}`,
    userName: role.name,
    userType: 'AssumedRole',
  };
}

/** An address in a /24 block "a.b.c". */
export function addressIn(random: Random, block: string): string {
  return `${block}.${random.int(2, 254)}`;
}
