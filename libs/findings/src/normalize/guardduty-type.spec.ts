import { asffTypeToGuardDuty, guardDutyTypeToAsff } from './guardduty-type.js';

/**
 * Rows of the table in the GuardDuty User Guide, "Interpreting GuardDuty finding names in Security Hub CSPM",
 * one or more per naming pattern.
 */
const DOCUMENTED: [string, string][] = [
  ['Recon:EC2/PortProbeUnprotectedPort', 'TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort'],
  ['Recon:IAMUser/MaliciousIPCaller.Custom', 'TTPs/Discovery/Recon:IAMUser-MaliciousIPCaller.Custom'],
  ['Backdoor:EC2/C&CActivity.B!DNS', 'TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS'],
  ['Behavior:EC2/NetworkPortUnusual', 'Unusual Behaviors/VM/Behavior:EC2-NetworkPortUnusual'],
  [
    'CryptoCurrency:Runtime/BitcoinTool.B!DNS',
    'TTPs/Command and Control/CryptoCurrency:Runtime-BitcoinTool.B!DNS',
  ],
  [
    'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
    'Effects/Data Exfiltration/UnauthorizedAccess:IAMUser-InstanceCredentialExfiltration.OutsideAWS',
  ],
  ['UnauthorizedAccess:IAMUser/MaliciousIPCaller', 'TTPs/UnauthorizedAccess:IAMUser-MaliciousIPCaller'],
  [
    'UnauthorizedAccess:IAMUser/ConsoleLogin',
    'Unusual Behaviors/User/UnauthorizedAccess:IAMUser-ConsoleLogin',
  ],
  [
    'UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B',
    'TTPs/UnauthorizedAccess:IAMUser-ConsoleLoginSuccess.B',
  ],
  [
    'UnauthorizedAccess:IAMUser/TorIPCaller',
    'TTPs/Command and Control/UnauthorizedAccess:IAMUser-TorIPCaller',
  ],
  ['UnauthorizedAccess:EC2/SSHBruteForce', 'TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce'],
  ['UnauthorizedAccess:EC2/TorRelay', 'Effects/Resource Consumption/UnauthorizedAccess:EC2-TorRelay'],
  ['UnauthorizedAccess:EC2/MetadataDNSRebind', 'TTPs/UnauthorizedAccess:EC2-MetadataDNSRebind'],
  [
    'UnauthorizedAccess:Lambda/MaliciousIPCaller.Custom',
    'TTPs/Command and Control/UnauthorizedAccess:Lambda-MaliciousIPCaller.Custom',
  ],
  ['Policy:IAMUser/RootCredentialUsage', 'TTPs/Policy:IAMUser-RootCredentialUsage'],
  [
    'Policy:S3/BucketBlockPublicAccessDisabled',
    'Effects/Data Exposure/Policy:S3-BucketBlockPublicAccessDisabled',
  ],
  [
    'Policy:Kubernetes/ExposedDashboard',
    'Software and Configuration Checks/AWS Security Best Practices/Policy:Kubernetes-ExposedDashboard',
  ],
  ['Discovery:S3/MaliciousIPCaller', 'TTPs/Discovery:S3-MaliciousIPCaller'],
  ['Discovery:Kubernetes/TorIPCaller', 'TTPs/Discovery/Discovery:Kubernetes-TorIPCaller'],
  ['Discovery:RDS/MaliciousIPCaller', 'TTPs/Discovery/RDS-MaliciousIPCaller'],
  ['Exfiltration:S3/AnomalousBehavior', 'TTPs/Exfiltration:S3-AnomalousBehavior'],
  ['Impact:EC2/PortSweep', 'TTPs/Impact/Impact:EC2-PortSweep'],
  ['Impact:EC2/BitcoinDomainRequest.Reputation', 'TTPs/Impact:EC2-BitcoinDomainRequest.Reputation'],
  ['Impact:IAMUser/AnomalousBehavior', 'TTPs/Impact/IAMUser-AnomalousBehavior'],
  ['CredentialAccess:IAMUser/AnomalousBehavior', 'TTPs/Credential Access/IAMUser-AnomalousBehavior'],
  ['InitialAccess:IAMUser/AnomalousBehavior', 'TTPs/Initial Access/IAMUser-AnomalousBehavior'],
  ['PrivilegeEscalation:IAMUser/AnomalousBehavior', 'TTPs/Privilege Escalation/IAMUser-AnomalousBehavior'],
  [
    'CredentialAccess:Kubernetes/MaliciousIPCaller',
    'TTPs/CredentialAccess/CredentialAccess:Kubernetes-MaliciousIPCaller',
  ],
  [
    'CredentialAccess:Kubernetes/AnomalousBehavior.SecretsAccessed',
    'TTPs/AnomalousBehavior/CredentialAccess:Kubernetes-SecretsAccessed',
  ],
  [
    'Persistence:Kubernetes/AnomalousBehavior.WorkloadDeployed!ContainerWithSensitiveMount',
    'TTPs/AnomalousBehavior/Persistence:Kubernetes-WorkloadDeployed!ContainerWithSensitiveMount',
  ],
  [
    'DefenseEvasion:Runtime/FilelessExecution',
    'TTPs/Defense Evasion/DefenseEvasion:Runtime-FilelessExecution',
  ],
  [
    'DefenseEvasion:Runtime/PtraceAntiDebugging',
    'TTPs/DefenseEvasion/DefenseEvasion:Runtime-PtraceAntiDebugging',
  ],
  ['DefenseEvasion:EC2/UnusualDoHActivity', 'TTPs/DefenseEvasion/EC2:Unusual-DoH-Activity'],
  [
    'PrivilegeEscalation:Runtime/SuspiciousCommand',
    'Software and Configuration Checks/PrivilegeEscalation:Runtime-SuspiciousCommand',
  ],
  [
    'PrivilegeEscalation:Kubernetes/PrivilegedContainer',
    'TTPs/PrivilegeEscalation/PrivilegeEscalation:Kubernetes-PrivilegedContainer',
  ],
  ['Execution:EC2/MaliciousFile!Snapshot', 'TTPs/Execution/Execution:EC2-MaliciousFile!Snapshot'],
  ['Object:S3/MaliciousFile', 'TTPs/Object/Object:S3-MaliciousFile'],
  ['PenTest:IAMUser/KaliLinux', 'TTPs/PenTest:IAMUser/KaliLinux'],
  ['PenTest:S3/KaliLinux', 'TTPs/PenTest:S3-KaliLinux'],
  ['AttackSequence:S3/CompromisedData', 'TTPs/AttackSequence:S3/CompromisedData'],
  ['Stealth:IAMUser/PasswordPolicyChange', 'TTPs/Defense Evasion/Stealth:IAMUser-PasswordPolicyChange'],
  ['Trojan:EC2/DropPoint!DNS', 'Effects/Data Exfiltration/Trojan:EC2-DropPoint!DNS'],
  ['Trojan:Runtime/DriveBySourceTraffic!DNS', 'TTPs/Initial Access/Trojan:Runtime-DriveBySourceTraffic!DNS'],
  ['Trojan:EC2/DNSDataExfiltration', 'TTPs/Command and Control/Trojan:EC2-DNSDataExfiltration'],
  [
    'ResourceConsumption:IAMUser/ComputeResources',
    'Unusual Behaviors/User/ResourceConsumption:IAMUser-ComputeResources',
  ],
];

describe('GuardDuty type ↔ ASFF type', () => {
  it.each(DOCUMENTED)('%s → %s', (guardDuty, asff) => {
    expect(guardDutyTypeToAsff(guardDuty)).toBe(asff);
  });

  it.each(DOCUMENTED)('%s ← %s', (guardDuty, asff) => {
    expect(asffTypeToGuardDuty(asff)).toBe(guardDuty);
  });

  it('reads the other spelling a type gets when the resource is the actor', () => {
    expect(asffTypeToGuardDuty('Effects/Resource Consumption/CryptoCurrency:Lambda-BitcoinTool.B')).toBe(
      'CryptoCurrency:Lambda/BitcoinTool.B',
    );
  });

  it('files an unknown future type under TTPs, keeping the rule that makes it reversible', () => {
    const asff = guardDutyTypeToAsff('Exploration:Mars/NewThing');
    expect(asff).toBe('TTPs/Exploration:Mars-NewThing');
    expect(asffTypeToGuardDuty(asff as string)).toBe('Exploration:Mars/NewThing');
  });

  it.each(['PortProbe', 'Recon:EC2'])('names no ASFF type for %p', (type) => {
    expect(guardDutyTypeToAsff(type)).toBeUndefined();
  });

  it.each([
    'Software and Configuration Checks/Vulnerabilities/CVE',
    'Software and Configuration Checks/Industry and Regulatory Standards',
  ])('names no GuardDuty type for %p', (type) => {
    expect(asffTypeToGuardDuty(type)).toBeUndefined();
  });
});
