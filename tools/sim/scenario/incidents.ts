import type { Random } from '../random.js';
import {
  type Draft,
  MINING_POOLS,
  anomalousApiText,
  ciCall,
  miningDns,
  portName,
  portProbeText,
} from './benign.js';
import type { Instance } from './finding-spec.js';
import type { AttackKind, HardNegativeKind } from './labels.js';
import { ATTACKER_VPS, SCANNERS, type Network } from './networks.js';
import { awsCliUserAgent, boto3UserAgent } from './user-agents.js';
import { CHAIN_NODE_IMAGE, type TenantWorld, addressIn, roleSession } from './world.js';

/** A finding of an incident, `offsetMinutes` after the incident's first finding. */
export interface IncidentStep {
  offsetMinutes: number;
  draft: Draft;
}

function attacker(random: Random): { ip: string; network: Network } {
  const network = random.pick(ATTACKER_VPS);
  return { ip: addressIn(random, random.pick(network.blocks)), network };
}

/** Minutes between a precursor and its attack: probing comes hours before the break-in, not seconds. */
const leadMinutes = (random: Random) => random.int(60, 180);

/**
 * A real attack: a precursor on the same resource or principal, then the attack finding.
 * - credential exfiltration: the stolen web-app-role session enumerates (Discovery), then is flagged as used
 *   outside AWS — both on the role (principal);
 * - crypto mining: a web server is probed from a VPS, then queries a mining pool — both on the instance;
 * - brute force then login: SSH brute force on the bastion, then a shell spawned by the intruder's session.
 */
export function attackSteps(
  random: Random,
  world: TenantWorld,
  kind: AttackKind,
  incident: string,
): IncidentStep[] {
  const from = attacker(random);
  const precursor = (draft: Omit<Draft, 'label'>): IncidentStep => ({
    offsetMinutes: 0,
    draft: { ...draft, label: { category: 'precursor', kind, incident } },
  });
  const attack = (draft: Omit<Draft, 'label'>): IncidentStep => ({
    offsetMinutes: leadMinutes(random),
    draft: { ...draft, label: { category: 'attack', kind, incident } },
  });
  switch (kind) {
    case 'credential-exfiltration': {
      const victim = random.pick(world.webServers);
      const key = roleSession(random, world.webAppRole, victim.id);
      const userAgent = awsCliUserAgent(random, 'desktop', 'sts.get-caller-identity');
      const discovery = 'Discovery:IAMUser/AnomalousBehavior';
      return [
        precursor({
          spec: {
            product: 'guardduty',
            type: discovery,
            severity: 2,
            ...anomalousApiText(discovery, world.webAppRole.name, 'ListBuckets'),
            resourceRole: 'TARGET',
            resource: { kind: 'access-key', key },
            action: {
              kind: 'api-call',
              api: 'ListBuckets',
              serviceName: 's3.amazonaws.com',
              userAgent,
              remote: from,
            },
          },
        }),
        attack({
          spec: {
            product: 'guardduty',
            type: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
            severity: 8,
            title: `Credentials for instance role ${world.webAppRole.name} used from external IP address.`,
            description:
              `Credentials created exclusively for an EC2 instance using instance role ${world.webAppRole.name} ` +
              `have been used from external IP address ${from.ip}.`,
            resourceRole: 'TARGET',
            resource: { kind: 'access-key', key },
            action: {
              kind: 'api-call',
              api: 'GetObject',
              serviceName: 's3.amazonaws.com',
              userAgent,
              remote: from,
            },
          },
        }),
      ];
    }
    case 'crypto-mining': {
      const victim = random.pick(world.webServers);
      const port = random.pick(victim.exposedPorts);
      const domain = random.pick(MINING_POOLS);
      return [
        precursor({
          spec: {
            product: 'guardduty',
            ...portProbeText(victim.id, port, from.ip),
            severity: 2,
            resourceRole: 'TARGET',
            resource: { kind: 'instance', instance: victim },
            action: { kind: 'port-probe', port, portName: portName(port), remote: from },
          },
        }),
        attack({
          spec: {
            product: 'guardduty',
            ...miningDns(victim.id, domain),
            severity: 8,
            resourceRole: 'ACTOR',
            resource: { kind: 'instance', instance: victim },
            action: { kind: 'dns', domain },
          },
        }),
      ];
    }
    case 'brute-force-login': {
      const victim = world.bastion;
      return [
        precursor({
          spec: {
            product: 'guardduty',
            type: 'UnauthorizedAccess:EC2/SSHBruteForce',
            severity: 2,
            title: `${from.ip} is performing SSH brute force attacks against ${victim.id}.`,
            description: `${from.ip} is performing SSH brute force attacks against ${victim.id}. Brute force attacks are used to gain unauthorized access to your instance by guessing the SSH password.`,
            resourceRole: 'TARGET',
            resource: { kind: 'instance', instance: victim },
            action: {
              kind: 'connection',
              direction: 'INBOUND',
              localPort: 22,
              remotePort: random.int(32768, 60999),
              remote: from,
            },
          },
        }),
        attack({
          spec: {
            product: 'guardduty',
            type: 'Execution:Runtime/SuspiciousShellCreated',
            severity: 5,
            title: `A suspicious shell was created on EC2 instance ${victim.id}.`,
            description: `A shell was spawned on ${victim.id} by an SSH session from ${from.ip}, shortly after a brute force against it.`,
            resourceRole: 'TARGET',
            resource: { kind: 'instance', instance: victim },
            action: { kind: 'runtime', processName: 'bash', executablePath: '/usr/bin/bash', user: 'ubuntu' },
          },
        }),
      ];
    }
  }
}

/** An instance someone launched from the chain node's public image and never tagged. */
function untaggedInstance(random: Random): Instance {
  return {
    id: `i-0${random.hex(16)}`,
    imageId: CHAIN_NODE_IMAGE,
    privateIp: `10.1.${random.int(1, 254)}.${random.int(4, 250)}`,
    publicIp: `54.210.${random.int(34, 250)}.${random.int(1, 254)}`,
    exposedPorts: [22],
    tags: {},
  };
}

/**
 * An attack dressed as a benign archetype, one finding:
 * - stolen CI credentials: the deploy role's GitHubActions session making the CI's calls, but from a VPS
 *   abroad with a Python SDK instead of Terraform;
 * - unexposed port probe: a scanner network probing a port the tenant never exposed (a database port left open);
 * - untagged mining: the blockchain node's mining-pool queries, from an instance nobody tagged.
 */
export function hardNegativeSteps(
  random: Random,
  world: TenantWorld,
  kind: HardNegativeKind,
  incident: string,
): IncidentStep[] {
  const label = { category: 'hard-negative' as const, kind, incident };
  switch (kind) {
    case 'stolen-ci-credentials': {
      const call = ciCall(random);
      return [
        {
          offsetMinutes: 0,
          draft: {
            label,
            spec: {
              product: 'guardduty',
              type: call.type,
              severity: call.severity,
              ...anomalousApiText(call.type, world.ciRole.name, call.api),
              resourceRole: 'TARGET',
              resource: { kind: 'access-key', key: roleSession(random, world.ciRole, 'GitHubActions') },
              action: {
                kind: 'api-call',
                api: call.api,
                serviceName: `${call.service}.amazonaws.com`,
                userAgent: boto3UserAgent(random),
                remote: attacker(random),
              },
            },
          },
        },
      ];
    }
    case 'unexposed-port-probe': {
      const target = random.pick(world.webServers);
      const port = random.pick([3389, 5432, 6379, 9200].filter((p) => !target.exposedPorts.includes(p)));
      const network = random.pick(SCANNERS);
      const ip = addressIn(random, random.pick(network.blocks));
      return [
        {
          offsetMinutes: 0,
          draft: {
            label,
            spec: {
              product: 'guardduty',
              ...portProbeText(target.id, port, ip),
              severity: 2,
              resourceRole: 'TARGET',
              resource: { kind: 'instance', instance: target },
              action: { kind: 'port-probe', port, portName: portName(port), remote: { ip, network } },
            },
          },
        },
      ];
    }
    case 'untagged-mining': {
      const instance = untaggedInstance(random);
      const domain = random.pick(MINING_POOLS);
      return [
        {
          offsetMinutes: 0,
          draft: {
            label,
            spec: {
              product: 'guardduty',
              ...miningDns(instance.id, domain),
              severity: 8,
              resourceRole: 'ACTOR',
              resource: { kind: 'instance', instance },
              action: { kind: 'dns', domain },
            },
          },
        },
      ];
    }
  }
}
