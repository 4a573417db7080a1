import type {
  GuardDutyAction,
  GuardDutySpec,
  Instance,
  RemoteParty,
  SimFinding,
} from '../scenario/finding-spec.js';

/** GuardDuty's remoteIpDetails for an address. */
function remoteIpDetails(remote: RemoteParty): Record<string, unknown> {
  const { network } = remote;
  if (!network) return { ipAddressV4: remote.ip };
  return {
    ipAddressV4: remote.ip,
    organization: {
      asn: String(network.asn),
      asnOrg: network.asnOrg,
      isp: network.isp,
      org: network.isp,
    },
    country: { countryCode: network.countryCode, countryName: network.countryName },
    city: { cityName: network.city },
  };
}

function instanceDetails(instance: Instance, accountId: string, region: string): Record<string, unknown> {
  return {
    instanceId: instance.id,
    instanceType: 't3.medium',
    imageId: instance.imageId,
    instanceState: 'running',
    availabilityZone: `${region}a`,
    launchTime: '2026-10-21T12:00:00.000Z',
    ...(instance.profileRole
      ? {
          iamInstanceProfile: {
            arn: `arn:aws:iam::${accountId}:instance-profile/${instance.profileRole}`,
            id: 'AIPAQ3EGWZJ5SXMR4Q2KD',
          },
        }
      : {}),
    networkInterfaces: [
      {
        networkInterfaceId: `eni-0${instance.id.slice(3, 19)}`,
        privateIpAddress: instance.privateIp,
        ...(instance.publicIp ? { publicIp: instance.publicIp } : {}),
        subnetId: 'subnet-0123456789abcdef0',
        vpcId: 'vpc-0a1b2c3d4e5f67890',
      },
    ],
    tags: Object.entries(instance.tags).map(([key, value]) => ({ key, value })),
  };
}

/** GuardDuty's `resource` section. */
export function guardDutyResource(spec: GuardDutySpec, f: SimFinding): Record<string, unknown> {
  const { resource } = spec;
  switch (resource.kind) {
    case 'instance':
      return {
        resourceType: 'Instance',
        instanceDetails: instanceDetails(resource.instance, f.accountId, f.region),
      };
    case 'access-key':
      return { resourceType: 'AccessKey', accessKeyDetails: { ...resource.key } };
    case 's3':
      return {
        resourceType: 'S3Bucket',
        accessKeyDetails: { ...resource.key },
        s3BucketDetails: [
          {
            arn: `arn:aws:s3:::${resource.bucket.name}`,
            name: resource.bucket.name,
            type: 'Destination',
            tags: Object.entries(resource.bucket.tags).map(([key, value]) => ({ key, value })),
          },
        ],
      };
  }
}

/** GuardDuty's `service.action`; undefined for Runtime Monitoring findings, which have none. */
export function guardDutyAction(action: GuardDutyAction): Record<string, unknown> | undefined {
  switch (action.kind) {
    case 'api-call':
      return {
        actionType: 'AWS_API_CALL',
        awsApiCallAction: {
          api: action.api,
          serviceName: action.serviceName,
          callerType: 'Remote IP',
          userAgent: action.userAgent,
          remoteIpDetails: remoteIpDetails(action.remote),
          affectedResources: {},
        },
      };
    case 'port-probe':
      return {
        actionType: 'PORT_PROBE',
        portProbeAction: {
          blocked: false,
          portProbeDetails: [
            {
              localPortDetails: { port: action.port, portName: action.portName },
              remoteIpDetails: remoteIpDetails(action.remote),
            },
          ],
        },
      };
    case 'connection':
      return {
        actionType: 'NETWORK_CONNECTION',
        networkConnectionAction: {
          connectionDirection: action.direction,
          protocol: 'TCP',
          blocked: false,
          localPortDetails: { port: action.localPort, portName: 'Unknown' },
          remotePortDetails: { port: action.remotePort, portName: 'Unknown' },
          remoteIpDetails: remoteIpDetails(action.remote),
        },
      };
    case 'dns':
      return {
        actionType: 'DNS_REQUEST',
        dnsRequestAction: { domain: action.domain, protocol: 'UDP', blocked: false },
      };
    case 'runtime':
      return undefined;
  }
}

/** GuardDuty's `service` section of one version of a finding. */
export function guardDutyService(
  spec: GuardDutySpec,
  f: SimFinding,
  version: number,
): Record<string, unknown> {
  const { updatedAt, count } = f.versions[version];
  const action = guardDutyAction(spec.action);
  return {
    serviceName: 'guardduty',
    detectorId: f.detectorId,
    ...(action ? { action } : {}),
    ...(spec.action.kind === 'runtime'
      ? {
          runtimeDetails: {
            process: {
              name: spec.action.processName,
              executablePath: spec.action.executablePath,
              user: spec.action.user,
            },
          },
        }
      : {}),
    resourceRole: spec.resourceRole,
    additionalInfo: { value: '{}', type: 'default' },
    eventFirstSeen: f.createdAt.toISOString(),
    eventLastSeen: updatedAt.toISOString(),
    archived: false,
    count,
  };
}

/** The GuardDuty API's Finding (camelCase): the `detail` of a native "GuardDuty Finding" event. */
export function guardDutyDetail(f: SimFinding, version: number): Record<string, unknown> {
  const spec = f.spec as GuardDutySpec;
  return {
    schemaVersion: '2.0',
    accountId: f.accountId,
    region: f.region,
    partition: 'aws',
    id: f.shortId,
    arn: f.id,
    type: spec.type,
    resource: guardDutyResource(spec, f),
    service: guardDutyService(spec, f, version),
    severity: spec.severity,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.versions[version].updatedAt.toISOString(),
    title: spec.title,
    description: spec.description,
  };
}
