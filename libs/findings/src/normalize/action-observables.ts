import type {
  ApiCall,
  ConnectionDirection,
  FindingObservables,
  RemoteEndpoint,
} from './normalized-finding.js';
import { asArray, asBoolean, asNumber, asString, at, isRecord } from './read.js';

/**
 * Observables from a GuardDuty action, in GuardDuty's own camelCase shape (`service.action` of a native
 * finding). ASFF carries the same tree in PascalCase under `Action` and flattened in ProductFields; the ASFF
 * normaliser converts both to this shape first, so that one extractor serves every path.
 */
export function actionObservables(action: unknown): Omit<FindingObservables, 'principal' | 'resourceRole'> {
  const api = at(action, 'awsApiCallAction');
  const connection = at(action, 'networkConnectionAction');
  const probe = at(action, 'portProbeAction');
  const dns = at(action, 'dnsRequestAction');
  const probes = asArray(at(probe, 'portProbeDetails'));
  const actionType = asString(at(action, 'actionType'));

  const remoteDetails =
    at(api, 'remoteIpDetails') ?? at(connection, 'remoteIpDetails') ?? at(probes[0], 'remoteIpDetails');
  const localPorts = [
    at(connection, 'localPortDetails', 'port'),
    ...probes.map((p) => at(p, 'localPortDetails', 'port')),
  ]
    .map(asNumber)
    .filter((port): port is number => port !== undefined);

  return {
    actionType,
    apiCall: isRecord(api) ? apiCall(api) : undefined,
    remote: remoteEndpoint(remoteDetails, asNumber(at(connection, 'remotePortDetails', 'port'))),
    localPorts: [...new Set(localPorts)],
    protocol: asString(at(connection, 'protocol')) ?? asString(at(dns, 'protocol')),
    // A port probe is by definition someone else knocking on the resource.
    direction:
      actionType === 'PORT_PROBE' ? 'INBOUND' : connectionDirection(at(connection, 'connectionDirection')),
    userAgent: asString(at(api, 'userAgent')),
    domain: asString(at(dns, 'domain')) ?? asString(at(api, 'domainDetails', 'domain')),
    blocked:
      asBoolean(at(connection, 'blocked')) ??
      asBoolean(at(probe, 'blocked')) ??
      asBoolean(at(dns, 'blocked')),
  };
}

function apiCall(api: Record<string, unknown>): ApiCall {
  return {
    service: asString(api.serviceName),
    api: asString(api.api),
    callerType: callerType(asString(api.callerType)),
  };
}

/** GuardDuty writes "Remote IP"; Security Hub's structured Action writes "remoteIp" for the same call. */
const CALLER_TYPES: Record<string, string> = {
  remoteip: 'Remote IP',
  domain: 'Domain',
  awsservice: 'AWS Service',
};

function callerType(value: string | undefined): string | undefined {
  return value === undefined ? undefined : (CALLER_TYPES[value.replace(/\s/g, '').toLowerCase()] ?? value);
}

export function remoteEndpoint(details: unknown, port?: number): RemoteEndpoint | undefined {
  const ip = asString(at(details, 'ipAddressV4')) ?? asString(at(details, 'ipAddressV6'));
  if (!ip) return undefined;
  return {
    ip,
    port,
    asn: asNumber(at(details, 'organization', 'asn')),
    asnOrg: asString(at(details, 'organization', 'asnOrg')),
    isp: asString(at(details, 'organization', 'isp')),
    org: asString(at(details, 'organization', 'org')),
    country: asString(at(details, 'country', 'countryName')),
    countryCode: asString(at(details, 'country', 'countryCode')),
    city: asString(at(details, 'city', 'cityName')),
  };
}

/** GuardDuty says INBOUND / OUTBOUND / UNKNOWN; ASFF Network says IN / OUT. */
export function connectionDirection(value: unknown): ConnectionDirection | undefined {
  const direction = asString(value)?.toUpperCase();
  if (direction === 'IN' || direction === 'INBOUND') return 'INBOUND';
  if (direction === 'OUT' || direction === 'OUTBOUND') return 'OUTBOUND';
  return direction === 'UNKNOWN' ? 'UNKNOWN' : undefined;
}
