import type { FindingLabel } from './labels.js';
import type { Network } from './networks.js';

/** An address and the network it belongs to (null: a private address, no organisation). */
export interface RemoteParty {
  ip: string;
  network: Network | null;
}

export interface Instance {
  id: string;
  privateIp: string;
  publicIp?: string;
  /** Ports open to the internet: what internet scanners find. */
  exposedPorts: readonly number[];
  tags: Readonly<Record<string, string>>;
  /** The machine image it runs: the tenant's own build, or a vendor's public appliance image. */
  imageId: string;
  /** The instance profile's role, whose session name is the instance id. */
  profileRole?: string;
}

/** An access key as GuardDuty's accessKeyDetails describes it. */
export interface AccessKey {
  accessKeyId: string;
  principalId: string;
  userName: string;
  userType: 'AssumedRole' | 'IAMUser';
}

export interface Bucket {
  name: string;
  tags: Readonly<Record<string, string>>;
  /** Configured to serve a static website (what Security Hub's resource details then say). */
  website?: true;
}

export type GuardDutyResource =
  | { kind: 'instance'; instance: Instance }
  | { kind: 'access-key'; key: AccessKey }
  | { kind: 's3'; key: AccessKey; bucket: Bucket };

export type GuardDutyAction =
  | {
      kind: 'api-call';
      api: string;
      serviceName: string;
      userAgent: string;
      remote: RemoteParty;
    }
  | { kind: 'port-probe'; port: number; portName: string; remote: RemoteParty }
  | {
      kind: 'connection';
      direction: 'INBOUND' | 'OUTBOUND';
      localPort: number;
      remotePort: number;
      remote: RemoteParty;
    }
  | { kind: 'dns'; domain: string }
  /** Runtime Monitoring findings carry process details instead of an action. */
  | { kind: 'runtime'; processName: string; executablePath: string; user: string };

/** A GuardDuty finding, whichever way it travels (native EventBridge event or ASFF through Security Hub). */
export interface GuardDutySpec {
  product: 'guardduty';
  /** GuardDuty type, e.g. Recon:EC2/PortProbeUnprotectedPort. */
  type: string;
  /** GuardDuty severity, 1.0 to 10.0. */
  severity: number;
  title: string;
  description: string;
  resourceRole: 'TARGET' | 'ACTOR';
  resource: GuardDutyResource;
  action: GuardDutyAction;
}

/** A failed Security Hub control on a bucket (consolidated control finding). */
export interface ControlSpec {
  product: 'securityhub-control';
  controlId: string;
  title: string;
  description: string;
  severityLabel: 'HIGH' | 'MEDIUM' | 'LOW';
  bucket: Bucket;
}

export type FindingSpec = GuardDutySpec | ControlSpec;

/** One version of a finding as the provider emits it: a repeat keeps the id, with a newer UpdatedAt. */
export interface FindingVersion {
  updatedAt: Date;
  /** GuardDuty's service.count: occurrences aggregated into the finding so far. */
  count: number;
}

/** A generated finding with its truth. */
export interface SimFinding {
  /** The provider's id as Sieve reports it (`findingId`): the GuardDuty finding ARN or the ASFF Id. */
  id: string;
  /** Short GuardDuty finding id (the last part of the ARN) or the control finding's uuid. */
  shortId: string;
  tenant: string;
  accountId: string;
  region: string;
  detectorId: string;
  /** Simulated day (0-based) the finding was first seen. */
  day: number;
  /** How it is pushed: the native GuardDuty event, or ASFF in a Security Hub event. */
  format: 'guardduty' | 'asff';
  label: FindingLabel;
  spec: FindingSpec;
  createdAt: Date;
  versions: FindingVersion[];
}

/** One push of one version of a finding at a simulated instant. */
export interface Emission {
  at: Date;
  finding: SimFinding;
  /** Index into `finding.versions`. */
  version: number;
}
