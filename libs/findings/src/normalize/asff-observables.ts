import { actionObservables, connectionDirection } from './action-observables.js';
import { guardDutyServiceTree } from './asff-action-tree.js';
import type { AsffFinding } from './asff-schema.js';
import type { FindingObservables, RemoteEndpoint } from './normalized-finding.js';
import { accessKeyPrincipal } from './principal.js';
import { asNumber, asString, at, isRecord } from './read.js';

/**
 * Observables of an ASFF finding. Sources, best first: the structured `Action`, GuardDuty's flattened
 * ProductFields, then the generic `Network` block (any product) for whatever is still unknown; the principal
 * comes from an AwsIamAccessKey resource.
 */
export function asffObservables(raw: Record<string, unknown>, finding: AsffFinding): FindingObservables {
  const service = guardDutyServiceTree(raw.ProductFields, raw.Action);
  const fromAction = actionObservables(service.action);
  const fromNetwork = networkObservables(raw.Network);
  return {
    ...fromAction,
    resourceRole: asString(service.resourceRole),
    principal: principalOf(raw, finding),
    remote: fromAction.remote ?? fromNetwork.remote,
    localPorts: fromAction.localPorts.length > 0 ? fromAction.localPorts : fromNetwork.localPorts,
    protocol: fromAction.protocol ?? fromNetwork.protocol,
    direction: fromAction.direction ?? fromNetwork.direction,
    domain: fromAction.domain ?? fromNetwork.domain,
  };
}

function principalOf(raw: Record<string, unknown>, finding: AsffFinding) {
  const index = finding.Resources.findIndex(
    (r, i) => r.Type === 'AwsIamAccessKey' || isRecord(keyDetails(raw, i)),
  );
  if (index < 0) return undefined;
  const resource = finding.Resources[index];
  const key = keyDetails(raw, index);
  return accessKeyPrincipal({
    type: at(key, 'PrincipalType'),
    // UserName is the deprecated spelling of PrincipalName.
    userName: at(key, 'PrincipalName') ?? at(key, 'UserName'),
    principalId: at(key, 'PrincipalId'),
    accessKeyId: at(key, 'AccessKeyId') ?? /^AWS::IAM::AccessKey:(.+)$/.exec(resource.Id)?.[1],
    partition: resource.Partition ?? partitionOf(finding.ProductArn),
    accountId: asString(at(key, 'AccountId')) ?? finding.AwsAccountId,
  });
}

/** ASFF Network: for inbound traffic the source is the remote side, for outbound the destination. */
function networkObservables(
  network: unknown,
): Pick<FindingObservables, 'remote' | 'localPorts' | 'protocol' | 'direction' | 'domain'> {
  const direction = connectionDirection(at(network, 'Direction'));
  const [remoteSide, localSide] =
    direction === 'OUTBOUND' ? ['Destination', 'Source'] : ['Source', 'Destination'];
  const ip = asString(at(network, `${remoteSide}IpV4`)) ?? asString(at(network, `${remoteSide}IpV6`));
  const remote: RemoteEndpoint | undefined = ip
    ? { ip, port: asNumber(at(network, `${remoteSide}Port`)) }
    : undefined;
  const localPort = asNumber(at(network, `${localSide}Port`));
  return {
    remote: direction ? remote : undefined,
    localPorts: direction && localPort !== undefined ? [localPort] : [],
    protocol: asString(at(network, 'Protocol')),
    direction,
    domain: direction ? asString(at(network, `${remoteSide}Domain`)) : undefined,
  };
}

/** The AwsIamAccessKey details of the i-th resource, read from the raw finding (Details are not validated). */
function keyDetails(raw: Record<string, unknown>, i: number): unknown {
  return at(Array.isArray(raw.Resources) ? raw.Resources[i] : undefined, 'Details', 'AwsIamAccessKey');
}

/** arn:aws-cn:securityhub:… → aws-cn */
function partitionOf(arn: string): string {
  return arn.split(':')[1] ?? 'aws';
}
