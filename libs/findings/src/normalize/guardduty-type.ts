/**
 * GuardDuty finding type (Recon:EC2/PortProbeUnprotectedPort) ↔ the ASFF type the GuardDuty → Security Hub
 * integration writes (TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort). Source: GuardDuty User Guide,
 * "Integrating with Security Hub CSPM" → "Interpreting GuardDuty finding names in Security Hub CSPM".
 *
 * The usual ASFF name is `<namespace/category>/<type with its first "/" as "-">`, where the category depends on
 * the type's prefix; the table below holds the categories, the functions the few irregular spellings. The
 * documented mapping also varies with the resource role (ACTOR or TARGET) for a few types: the forward
 * direction gives the common name, the reverse direction reads either.
 */

/** ASFF namespace/category by the longest matching prefix of the GuardDuty type. */
const ASFF_CATEGORY: Record<string, string> = {
  'AttackSequence:': 'TTPs',
  'Backdoor:': 'TTPs/Command and Control',
  'Behavior:': 'Unusual Behaviors/VM',
  'CredentialAccess:': 'TTPs/Credential Access',
  'CredentialAccess:Kubernetes/': 'TTPs/CredentialAccess',
  'CryptoCurrency:': 'TTPs/Command and Control',
  'DefenseEvasion:': 'TTPs/Defense Evasion',
  'DefenseEvasion:Kubernetes/': 'TTPs/DefenseEvasion',
  'DefenseEvasion:Runtime/PtraceAntiDebugging': 'TTPs/DefenseEvasion',
  'DefenseEvasion:Runtime/SuspiciousCommand': 'TTPs/DefenseEvasion',
  'Discovery:': 'TTPs/Discovery',
  'Discovery:S3/': 'TTPs',
  'Execution:': 'TTPs/Execution',
  'Exfiltration:': 'TTPs/Exfiltration',
  'Exfiltration:S3/': 'TTPs',
  'Impact:': 'TTPs/Impact',
  'Impact:EC2/': 'TTPs',
  'Impact:EC2/MaliciousDomainRequest.Custom': 'TTPs/Impact',
  'Impact:EC2/PortSweep': 'TTPs/Impact',
  'Impact:EC2/WinRMBruteForce': 'TTPs/Impact',
  'Impact:S3/': 'TTPs',
  'InitialAccess:': 'TTPs/Initial Access',
  'Object:': 'TTPs/Object',
  'PenTest:': 'TTPs',
  'Persistence:': 'TTPs/Persistence',
  'Policy:': 'TTPs',
  'Policy:Kubernetes/': 'Software and Configuration Checks/AWS Security Best Practices',
  'Policy:S3/BucketBlockPublicAccessDisabled': 'Effects/Data Exposure',
  'PrivilegeEscalation:': 'TTPs/Privilege Escalation',
  'PrivilegeEscalation:Kubernetes/': 'TTPs/PrivilegeEscalation',
  'PrivilegeEscalation:Runtime/SuspiciousCommand': 'Software and Configuration Checks',
  'Recon:': 'TTPs/Discovery',
  'ResourceConsumption:': 'Unusual Behaviors/User',
  'Stealth:': 'TTPs/Defense Evasion',
  'Trojan:': 'TTPs/Command and Control',
  'Trojan:EC2/DriveBySourceTraffic': 'TTPs/Initial Access',
  'Trojan:EC2/DropPoint': 'Effects/Data Exfiltration',
  'Trojan:Lambda/DropPoint': 'Effects/Data Exfiltration',
  'Trojan:Runtime/DriveBySourceTraffic': 'TTPs/Initial Access',
  'Trojan:Runtime/DropPoint': 'Effects/Data Exfiltration',
  'UnauthorizedAccess:': 'TTPs',
  'UnauthorizedAccess:EC2/MaliciousIPCaller': 'TTPs/Command and Control',
  'UnauthorizedAccess:EC2/RDPBruteForce': 'TTPs/Initial Access',
  'UnauthorizedAccess:EC2/SSHBruteForce': 'TTPs/Initial Access',
  'UnauthorizedAccess:EC2/Tor': 'Effects/Resource Consumption',
  'UnauthorizedAccess:IAMUser/ConsoleLogin': 'Unusual Behaviors/User',
  'UnauthorizedAccess:IAMUser/ConsoleLoginSuccess': 'TTPs',
  'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration': 'Effects/Data Exfiltration',
  'UnauthorizedAccess:IAMUser/ResourceCredentialExfiltration': 'Effects/Data Exfiltration',
  'UnauthorizedAccess:IAMUser/TorIPCaller': 'TTPs/Command and Control',
  'UnauthorizedAccess:Lambda/MaliciousIPCaller': 'TTPs/Command and Control',
  'UnauthorizedAccess:Lambda/Tor': 'Effects/Resource Consumption',
  'UnauthorizedAccess:Runtime/Tor': 'Effects/Resource Consumption',
};

/** Names that follow no rule at all, in both directions. */
const IRREGULAR: Record<string, string> = {
  'DefenseEvasion:EC2/UnusualDNSResolver': 'TTPs/DefenseEvasion/EC2:Unusual-DNS-Resolver',
  'DefenseEvasion:EC2/UnusualDoHActivity': 'TTPs/DefenseEvasion/EC2:Unusual-DoH-Activity',
  'DefenseEvasion:EC2/UnusualDoTActivity': 'TTPs/DefenseEvasion/EC2:Unusual-DoT-Activity',
};
const IRREGULAR_REVERSE = new Map(Object.entries(IRREGULAR).map(([gd, asff]) => [asff, gd]));

/** ThreatPurpose:ResourceTypeAffected/ThreatFamilyName[.DetectionMechanism][!Artifact] */
const GUARDDUTY_TYPE = /^([A-Za-z]+):([A-Za-z0-9]+)\/(.+)$/;

/** The ASFF type Security Hub shows for a GuardDuty type; undefined when the input is not a GuardDuty type. */
export function guardDutyTypeToAsff(type: string): string | undefined {
  const irregular = IRREGULAR[type];
  if (irregular) return irregular;
  const match = GUARDDUTY_TYPE.exec(type);
  if (!match) return undefined;
  const [, purpose, resource, family] = match;
  // The attack-sequence and IAM pen-test types keep their "/".
  if (purpose === 'AttackSequence' || (purpose === 'PenTest' && resource === 'IAMUser'))
    return `TTPs/${type}`;
  // Kubernetes anomaly types move "AnomalousBehavior" into the category.
  const anomaly = /^AnomalousBehavior\.(.+)$/.exec(family);
  if (resource === 'Kubernetes' && anomaly)
    return `TTPs/AnomalousBehavior/${purpose}:${resource}-${anomaly[1]}`;
  const category = categoryOf(type);
  // IAM anomaly and RDS discovery types drop the purpose, which the category already names.
  if (
    (resource === 'IAMUser' && family === 'AnomalousBehavior') ||
    (purpose === 'Discovery' && resource === 'RDS')
  ) {
    return `${category}/${resource}-${family}`;
  }
  return `${category}/${purpose}:${resource}-${family}`;
}

/** The GuardDuty type behind a GuardDuty ASFF type; undefined when the ASFF type names no GuardDuty type. */
export function asffTypeToGuardDuty(asffType: string): string | undefined {
  const irregular = IRREGULAR_REVERSE.get(asffType);
  if (irregular) return irregular;
  const segments = asffType.split('/');
  const index = segments.findIndex((segment) => /^[A-Za-z]+:[A-Za-z0-9]+/.test(segment));
  if (index >= 0) {
    const rest = segments.slice(index).join('/');
    if (GUARDDUTY_TYPE.test(rest)) return rest;
    const [purposeAndResource, ...family] = rest.split('-');
    if (family.length === 0) return undefined;
    const anomaly = segments[index - 1] === 'AnomalousBehavior' ? 'AnomalousBehavior.' : '';
    return `${purposeAndResource}/${anomaly}${family.join('-')}`;
  }
  // "TTPs/Impact/IAMUser-AnomalousBehavior": the purpose is the category without its spaces.
  const last = /^([A-Za-z0-9]+)-(.+)$/.exec(segments.at(-1) ?? '');
  const category = segments.at(-2);
  if (!last || !category || segments.length < 3) return undefined;
  return `${category.replace(/ /g, '')}:${last[1]}/${last[2]}`;
}

function categoryOf(type: string): string {
  let best = '';
  for (const prefix of Object.keys(ASFF_CATEGORY)) {
    if (type.startsWith(prefix) && prefix.length > best.length) best = prefix;
  }
  return best ? ASFF_CATEGORY[best] : 'TTPs';
}
